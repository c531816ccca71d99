/**
 * Typed failures of a model call. Every kind carries a message that tells the user what to do, because these reach
 * the chat pane verbatim; `retryable` drives the backoff loop.
 */

export type AgentErrorKind =
  | 'throttled'
  | 'server'
  | 'accessDenied'
  | 'modelNotEnabled'
  | 'endpoint'
  | 'validation'
  | 'aborted'
  | 'streamCut';

const RETRYABLE: ReadonlySet<AgentErrorKind> = new Set(['throttled', 'server', 'streamCut']);

export interface AgentErrorContext {
  provider?: string;
  modelId?: string;
  region?: string;
  endpoint?: string;
}

export class AgentError extends Error {
  readonly kind: AgentErrorKind;
  /** The provider's own text, kept for logs and "details" views. */
  readonly detail: string;
  override readonly cause?: unknown;

  constructor(kind: AgentErrorKind, detail: string, context: AgentErrorContext = {}, cause?: unknown) {
    super(userMessage(kind, detail, context));
    this.name = 'AgentError';
    this.kind = kind;
    this.detail = detail;
    this.cause = cause;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

export function isAgentError(e: unknown, kind?: AgentErrorKind): e is AgentError {
  return e instanceof AgentError && (kind === undefined || e.kind === kind);
}

function userMessage(kind: AgentErrorKind, detail: string, c: AgentErrorContext): string {
  const model = c.modelId ? `"${c.modelId}"` : 'the configured model';
  const where = c.region ? ` in region ${c.region}` : '';
  switch (kind) {
    case 'throttled':
      return `The model service is throttling requests (${detail}). Keel retried with backoff; wait a minute and try again, or request a higher quota.`;
    case 'server':
      return `The model service had an internal error (${detail}). Keel retried; try again shortly.`;
    case 'accessDenied':
      return `Access denied calling ${model}${where} (${detail}). Check that your AWS credentials are valid (run \`aws sso login\` or set the profile in Settings) and that the role allows bedrock:InvokeModelWithResponseStream.`;
    case 'modelNotEnabled':
      return `Model ${model} is not available${where} (${detail}). Enable it under Bedrock → Model access in the AWS console, or pick another model or inference profile for this role in Settings.`;
    case 'endpoint':
      return `Could not reach the model endpoint${c.endpoint ? ` ${c.endpoint}` : ''}${where} (${detail}). Check the region and endpoint in Settings (and KEEL_BEDROCK_ENDPOINT), and your network connection.`;
    case 'validation':
      return `The model rejected the request (${detail}). This is likely a bug in Keel or an unsupported setting for ${model}; change the model in Settings or report it.`;
    case 'aborted':
      return 'Stopped.';
    case 'streamCut':
      return `The answer stream was cut off (${detail}). Keel retried; check your connection and try again.`;
  }
}
