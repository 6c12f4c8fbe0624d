// JsSIP's WebSocket with sip-screen.ts in front of it: JsSIP sets ondata/onconnect/ondisconnect on
// this object; frames reach it only when screened, and refusals go to `onRefused`. `onFrame` hears
// of every frame, screened or not: proof the socket is alive (network-recovery.ts).
import type { Socket } from 'jssip/lib/Socket';
import { screenSipFrame, type Refusal } from './sip-screen.ts';

export function guardedSocket(inner: Socket, onRefused: (r: Refusal) => void, onFrame: () => void = () => {}): Socket {
  const outer = {
    get via_transport() { return inner.via_transport; },
    set via_transport(v: string) { inner.via_transport = v; },
    get url() { return inner.url; },
    get sip_uri() { return inner.sip_uri; },
    connect: () => inner.connect(),
    disconnect: () => inner.disconnect(),
    send: (message: string | ArrayBufferLike | Blob | ArrayBufferView) => inner.send(message),
    isConnected: () => inner.isConnected(),
    isConnecting: () => inner.isConnecting(),
    onconnect: () => {},
    ondisconnect: (_error: boolean, _code?: number, _reason?: string) => {},
    ondata: (_data: unknown) => {},
  };
  inner.onconnect = () => outer.onconnect();
  inner.ondisconnect = (error: boolean, code?: number, reason?: string) => outer.ondisconnect(error, code, reason);
  inner.ondata = (data: unknown) => {
    onFrame();
    const s = screenSipFrame(data);
    if (s.ok) outer.ondata(s.text);
    else onRefused({ at: new Date().toISOString(), reason: s.reason, sample: s.sample });
  };
  return outer as unknown as Socket;
}
