import {
  isChannel,
  KeelError,
  requests,
  type Channel,
  type ParsedRequestOf,
  type Reply,
  type ResponseOf,
} from '../../protocol';

/** Who sent a request; handlers use it for per-connection state (terminal attachment, flow control). */
export interface CallContext {
  connectionId: string;
}

export type Handler<C extends Channel> = (
  request: ParsedRequestOf<C>,
  ctx: CallContext,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** One handler per channel of the contract; leaving one out fails to compile. */
export type Handlers = { [C in Channel]: Handler<C> };

/** The handlers of one feature's request map (e.g. `typeof agentRequests`): exactly its channels. */
export type FeatureHandlers<M> = { [C in keyof M & Channel]: Handler<C> };

export interface Router {
  /** Never throws and never rejects: every outcome is a Reply. */
  dispatch(channel: unknown, payload: unknown, ctx: CallContext): Promise<Reply<unknown>>;
}

export function createRouter(handlers: Handlers, onInternalError: (err: unknown) => void = () => {}): Router {
  return {
    async dispatch(channel, payload, ctx) {
      if (!isChannel(channel)) {
        return fail('UNKNOWN_CHANNEL', `Unknown channel: ${describe(channel)}`);
      }
      const parsed = requests[channel].request.safeParse(payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
        return fail('BAD_REQUEST', `Invalid request for ${channel}${where}: ${issue?.message ?? 'malformed'}`);
      }
      try {
        const handler = handlers[channel] as Handler<Channel>;
        const value = await handler(parsed.data as ParsedRequestOf<Channel>, ctx);
        return { ok: true, value };
      } catch (err) {
        if (err instanceof KeelError) return fail(err.code, err.message);
        onInternalError(err);
        return fail('INTERNAL', err instanceof Error ? err.message : String(err));
      }
    },
  };
}

function fail(code: KeelError['code'], message: string): Reply<never> {
  return { ok: false, error: { code, message } };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 100)) : typeof value;
}
