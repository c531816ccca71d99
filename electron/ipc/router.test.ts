import { describe, expect, it, vi } from 'vitest';
import { KeelError } from '../../protocol';
import { createRouter, type Handlers } from './router';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  const base = new Proxy({} as Handlers, { get: () => unused });
  return Object.assign(Object.create(base) as Handlers, overrides);
}

const ctx = { connectionId: 't' };

describe('router', () => {
  it('validates and answers a good request', async () => {
    const router = createRouter(handlers({ 'app/ping': ({ payload }) => ({ payload: payload + '!' }) }));
    await expect(router.dispatch('app/ping', { payload: 'hi' }, ctx)).resolves.toEqual({
      ok: true,
      value: { payload: 'hi!' },
    });
  });

  it('answers an unknown channel with a typed error', async () => {
    const reply = await createRouter(handlers()).dispatch('nope/never', {}, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('rejects a malformed payload before the handler runs', async () => {
    const ping = vi.fn();
    const reply = await createRouter(handlers({ 'app/ping': ping })).dispatch('app/ping', { payload: 42 }, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((reply as { error: { message: string } }).error.message).toContain('payload');
    expect(ping).not.toHaveBeenCalled();
  });

  it('maps KeelError to its code and unexpected throws to INTERNAL without rejecting', async () => {
    const onInternal = vi.fn();
    const router = createRouter(
      handlers({
        'workspace/readFile': () => {
          throw new KeelError('PATH_OUTSIDE_WORKSPACE', 'escape');
        },
        'app/ping': async () => {
          throw new TypeError('boom');
        },
      }),
      onInternal,
    );
    await expect(router.dispatch('workspace/readFile', { path: '../x' }, ctx)).resolves.toMatchObject({
      ok: false,
      error: { code: 'PATH_OUTSIDE_WORKSPACE', message: 'escape' },
    });
    await expect(router.dispatch('app/ping', { payload: '' }, ctx)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom' },
    });
    expect(onInternal).toHaveBeenCalledOnce();
  });

  it('does not treat inherited object keys as channels', async () => {
    const reply = await createRouter(handlers()).dispatch('constructor', {}, ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});
