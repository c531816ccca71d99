import type { Channel, EventName, EventOf, RequestOf, ResponseOf } from './contract';
import { RequestError } from './error-codes';
import type { Transport } from './transport';

export interface Client {
  /** Resolves with the typed response, rejects with RequestError carrying the error code. */
  request<C extends Channel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}

export function createClient(transport: Transport): Client {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  transport.onEvent((event, payload) => {
    const set = listeners.get(event);
    if (!set) return;
    for (const listener of set) listener(payload);
  });
  return {
    async request(channel, payload) {
      const reply = await transport.request(channel, payload);
      if (!reply.ok) throw new RequestError(reply.error.code, reply.error.message, channel);
      return reply.value as ResponseOf<typeof channel>;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };
}
