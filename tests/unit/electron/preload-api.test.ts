// window.pult over a fake ipcRenderer: only contract methods and events pass, `ok: false` becomes a
// thrown PultError whose message survives contextBridge, listeners never see the IPC event.
import { describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../contract/ipc.ts';
import { PULT_ERROR_PREFIX, createPultApi, type IpcRendererLike } from '../../../preload/api.ts';

function fakeIpc(answer: (method: unknown, input: unknown) => unknown) {
  const calls: unknown[][] = [];
  let onEvent: ((event: unknown, ...args: unknown[]) => void) | null = null;
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      calls.push([channel, ...args]);
      return answer(args[0], args[1]);
    },
    on: (channel, listener) => {
      expect(channel).toBe(IPC_EVENT_CHANNEL);
      onEvent = listener;
    },
  };
  return { ipc, calls, fire: (...args: unknown[]) => onEvent?.({ sender: 'ipcRenderer!' }, ...args) };
}

describe('preload api', () => {
  it('has only invoke and on, frozen', () => {
    const api = createPultApi(fakeIpc(() => null).ipc);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes over the invoke channel and returns the value', async () => {
    const { ipc, calls } = fakeIpc(() => ({ ok: true, value: { language: 'ru', theme: 'auto', serverUrl: null } }));
    const api = createPultApi(ipc);
    expect(await api.invoke('settings.get', {})).toEqual({ language: 'ru', theme: 'auto', serverUrl: null });
    expect(calls).toEqual([[IPC_INVOKE_CHANNEL, 'settings.get', {}]]);
  });

  it('throws a PultError with code and field, readable from the message alone', async () => {
    const api = createPultApi(fakeIpc(() => ({ ok: false, error: { code: 'wrong_credentials', message: 'no', field: 'input.password' } })).ipc);
    const err = (await api.invoke('session.login', { serverUrl: 'https://x.ru', login: 'a', password: 'b' }).catch((e: unknown) => e)) as Error & { code: string };
    expect(err.name).toBe('PultError');
    expect(err.code).toBe('wrong_credentials');
    expect(err.message.startsWith(PULT_ERROR_PREFIX)).toBe(true);
    expect(JSON.parse(err.message.slice(PULT_ERROR_PREFIX.length))).toEqual({ code: 'wrong_credentials', message: 'no', field: 'input.password' });
  });

  it('refuses unknown methods without touching IPC, and malformed answers', async () => {
    const { ipc, calls } = fakeIpc(() => 'garbage');
    const api = createPultApi(ipc);
    await expect(api.invoke('__proto__' as never, {} as never)).rejects.toMatchObject({ code: 'unknown_method' });
    await expect(api.invoke('constructor' as never, {} as never)).rejects.toMatchObject({ code: 'unknown_method' });
    expect(calls).toEqual([]);
    await expect(api.invoke('app.getInfo', {})).rejects.toMatchObject({ code: 'internal' });
  });

  it('delivers contract events to their listeners only, without the IPC event, and unsubscribes', () => {
    const { ipc, fire } = fakeIpc(() => null);
    const api = createPultApi(ipc);
    const got: unknown[][] = [];
    const off = api.on('protocol.link', (...args) => got.push(args));
    api.on('session.ended', () => got.push(['wrong listener']));
    fire('protocol.link', { scheme: 'tel', target: '+74956428585' });
    fire('not.an.event', {});
    fire('__proto__', {});
    expect(got).toEqual([[{ scheme: 'tel', target: '+74956428585' }]]);
    off();
    fire('protocol.link', { scheme: 'tel', target: '1' });
    expect(got).toHaveLength(1);
    expect(() => api.on('nope' as never, () => {})).toThrow(/unknown event/);
    expect(() => api.on('protocol.link', 'x' as never)).toThrow(/function/);
  });
});
