import { AgentError, type AgentErrorContext, type AgentErrorKind } from '../core/errors';

/** Bedrock exception names (as the SDK sets `error.name`) → our kinds. */
const BY_NAME: Record<string, AgentErrorKind> = {
  ThrottlingException: 'throttled',
  ServiceQuotaExceededException: 'throttled',
  TooManyRequestsException: 'throttled',
  InternalServerException: 'server',
  ServiceUnavailableException: 'server',
  ModelStreamErrorException: 'server',
  ModelNotReadyException: 'server',
  ModelTimeoutException: 'server',
  ModelErrorException: 'server',
  AccessDeniedException: 'accessDenied',
  UnrecognizedClientException: 'accessDenied',
  ExpiredTokenException: 'accessDenied',
  InvalidSignatureException: 'accessDenied',
  CredentialsProviderError: 'accessDenied',
  ResourceNotFoundException: 'modelNotEnabled',
  ValidationException: 'validation',
  AbortError: 'aborted',
};

const NETWORK_UNREACHABLE = new Set(['ENOTFOUND', 'ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'CERT_HAS_EXPIRED']);
const NETWORK_CUT = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE']);

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Turns whatever the SDK or the socket threw into an AgentError with a message that says what to do. */
export function toAgentError(e: unknown, context: AgentErrorContext, signal?: AbortSignal): AgentError {
  if (e instanceof AgentError) return e;
  const err = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as ErrorLike;
  const detail = err.message || err.name || 'unknown error';
  if (signal?.aborted) return new AgentError('aborted', detail, context, e);
  let kind = err.name ? BY_NAME[err.name] : undefined;
  // Access to a model that was never enabled comes back as AccessDenied or Validation with this wording.
  if ((kind === 'accessDenied' || kind === 'validation') && /model access|don't have access to the model|not enabled|model identifier is invalid|on-demand throughput isn.t supported|inference profile/i.test(detail)) {
    kind = 'modelNotEnabled';
  }
  if (!kind && err.code && NETWORK_UNREACHABLE.has(err.code)) kind = 'endpoint';
  if (!kind && err.code && NETWORK_CUT.has(err.code)) kind = 'streamCut';
  if (!kind && /UnknownEndpoint|getaddrinfo|Invalid URL|region/i.test(`${err.name} ${detail}`)) kind = 'endpoint';
  if (!kind && /socket hang up|aborted|premature|end of the stream|Truncated event message|Protocol error/i.test(detail)) kind = 'streamCut';
  if (!kind) {
    const status = err.$metadata?.httpStatusCode;
    if (status === 429) kind = 'throttled';
    else if (status !== undefined && status >= 500) kind = 'server';
    else if (status === 403 || status === 401) kind = 'accessDenied';
    else if (status === 404) kind = 'modelNotEnabled';
    else if (status !== undefined && status >= 400) kind = 'validation';
  }
  return new AgentError(kind ?? 'server', detail, context, e);
}
