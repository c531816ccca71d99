import { describe, expect, it } from 'vitest';
import { toAgentError } from './bedrock-errors';

const ctx = { modelId: 'us.amazon.nova-pro-v1:0', region: 'eu-west-3' };
const named = (name: string, message = name, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });

describe('Bedrock failures → typed errors', () => {
  it.each([
    [named('ThrottlingException'), 'throttled'],
    [named('ServiceQuotaExceededException'), 'throttled'],
    [named('InternalServerException'), 'server'],
    [named('ServiceUnavailableException'), 'server'],
    [named('ModelNotReadyException'), 'server'],
    [named('ExpiredTokenException'), 'accessDenied'],
    [named('AccessDeniedException', 'User: arn:aws:iam::1:user/x is not authorized'), 'accessDenied'],
    [named('AccessDeniedException', "You don't have access to the model with the specified model ID."), 'modelNotEnabled'],
    [named('ValidationException', "Invocation of model ID amazon.nova-pro-v1:0 with on-demand throughput isn't supported."), 'modelNotEnabled'],
    [named('ResourceNotFoundException', 'Model not found'), 'modelNotEnabled'],
    [named('ValidationException', 'messages: too many cache points'), 'validation'],
    [named('Error', 'getaddrinfo ENOTFOUND bedrock-runtime.mars-1.amazonaws.com', { code: 'ENOTFOUND' }), 'endpoint'],
    [named('Error', 'connect ECONNREFUSED 127.0.0.1:9', { code: 'ECONNREFUSED' }), 'endpoint'],
    [named('Error', 'read ECONNRESET', { code: 'ECONNRESET' }), 'streamCut'],
    [named('Error', 'weird', { $metadata: { httpStatusCode: 429 } }), 'throttled'],
    [named('Error', 'weird', { $metadata: { httpStatusCode: 502 } }), 'server'],
    [named('AbortError', 'The operation was aborted'), 'aborted'],
  ])('%s → %s', (error, kind) => {
    expect(toAgentError(error, ctx).kind).toBe(kind);
  });

  it('an abort wins over whatever the SDK threw when Stop was pressed', () => {
    const ac = new AbortController();
    ac.abort();
    expect(toAgentError(named('ThrottlingException'), ctx, ac.signal).kind).toBe('aborted');
  });

  it('messages name the model and region and say what to do', () => {
    const m = toAgentError(named('AccessDeniedException', "You don't have access to the model with the specified model ID."), ctx).message;
    expect(m).toContain('us.amazon.nova-pro-v1:0');
    expect(m).toContain('eu-west-3');
    expect(m).toMatch(/Enable it under Bedrock → Model access|pick another model/);
  });
});
