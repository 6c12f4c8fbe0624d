// Which host answers: Electron's preload puts `window.pult` on the page; in a plain browser the page
// talks to the browser host over its WebSocket, with the per-run token the host wrote into
// <meta name="pult-host-token">. The rest of the app sees one PultApi either way.
import type { PultApi } from '../../../contract/ipc.ts';
import { HOST_TOKEN_PARAM, HOST_WS_PATH } from '../../../contract/host-wire.ts';
import { createHostSocketClient, type TransportState } from './host-socket-client.ts';
import { validatedApi } from './validated-api.ts';

declare global {
  interface Window {
    pult?: PultApi;
  }
}

export interface PultClient {
  api: PultApi;
  host: 'electron' | 'browser';
  /** The page's own link to its host; always 'open' under Electron. */
  transportState(): TransportState;
  onTransport(listener: (state: TransportState, reconnected: boolean) => void): () => void;
}

export function hostSocketUrl(loc: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}${HOST_WS_PATH}?${HOST_TOKEN_PARAM}=${encodeURIComponent(token)}`;
}

export function readHostToken(doc: Document = document): string {
  return doc.querySelector('meta[name="pult-host-token"]')?.getAttribute('content') ?? '';
}

export function createPultClient(): PultClient {
  if (window.pult) {
    return { api: validatedApi(window.pult), host: 'electron', transportState: () => 'open', onTransport: () => () => {} };
  }
  const socket = createHostSocketClient({ url: hostSocketUrl(location, readHostToken()) });
  return {
    api: validatedApi(socket),
    host: 'browser',
    transportState: socket.transportState,
    onTransport: socket.onTransport,
  };
}
