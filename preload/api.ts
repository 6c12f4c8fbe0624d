// window.pult, built from the contract over two IPC channels. No Electron import here, so it is
// tested in Node; preload/index.ts hands it Electron's ipcRenderer and exposes it with contextBridge.
//
// Errors: a call answered `ok: false` rejects with an Error named "PultError" carrying code, message
// and field. contextBridge copies only an Error's message to the page (custom properties are lost),
// so the message itself is `PultError {"code":…,"message":…,"field":…}`; the renderer's api/ client
// reads it back with the same prefix (PULT_ERROR_PREFIX).
import type { PultError } from '../contract/errors.ts';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  events,
  isMethodName,
  type EventName,
  type PultApi,
} from '../contract/ipc.ts';

export const PULT_ERROR_PREFIX = 'PultError ';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export class PultClientError extends Error {
  readonly code: PultError['code'];
  readonly field: string | undefined;
  constructor(error: PultError) {
    super(PULT_ERROR_PREFIX + JSON.stringify(error));
    this.name = 'PultError';
    this.code = error.code;
    this.field = error.field;
  }
}

const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.hasOwn(events, name);

export function createPultApi(ipc: IpcRendererLike): PultApi {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();

  // One IPC listener for all events; the page's listeners never see the IPC event object (it
  // carries `sender`, i.e. ipcRenderer).
  ipc.on(IPC_EVENT_CHANNEL, (_event, name, payload) => {
    if (!isEventName(name)) return;
    for (const listener of listeners.get(name) ?? []) {
      try {
        listener(payload as never);
      } catch (e) {
        console.error(`pult: listener of ${name} failed`, e);
      }
    }
  });

  const api: PultApi = {
    async invoke(method, input) {
      if (!isMethodName(method)) {
        throw new PultClientError({ code: 'unknown_method', field: 'method', message: `unknown method ${String(method).slice(0, 128)}` });
      }
      const result = (await ipc.invoke(IPC_INVOKE_CHANNEL, method, input)) as { ok?: unknown; value?: unknown; error?: PultError } | null;
      if (result && result.ok === true) return result.value as never;
      if (result && result.ok === false && result.error && typeof result.error.code === 'string') throw new PultClientError(result.error);
      throw new PultClientError({ code: 'internal', message: 'malformed answer from the main process' });
    },
    on(event, listener) {
      if (!isEventName(event)) throw new PultClientError({ code: 'invalid_input', field: 'event', message: `unknown event ${String(event).slice(0, 128)}` });
      if (typeof listener !== 'function') throw new PultClientError({ code: 'invalid_input', field: 'listener', message: 'listener must be a function' });
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: never) => void;
      set.add(l);
      return () => void set.delete(l);
    },
  };
  return Object.freeze(api);
}
