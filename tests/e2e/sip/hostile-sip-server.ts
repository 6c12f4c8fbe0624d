// A SIP-over-WebSocket peer that misbehaves on purpose (tests only): it registers the softphone
// like a registrar would (200 OK), then sends what the test asks — garbage, cut-off and oversized
// frames, unknown methods, INVITE floods — and records every message the softphone sends back.
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

export interface HostileSipServer {
  url: string;
  /** Every frame the softphone sent, in order. */
  received: string[];
  send(frame: string | Buffer): void;
  /** A well-formed INVITE (late offer, no SDP) to `user`; returns its Call-ID and a CANCEL for it. */
  invite(user: string, from: string, extraHeaders?: string[]): { callId: string; frame: string; cancel: string };
  close(): Promise<void>;
}

const header = (msg: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(msg)?.[1]?.trim() ?? '';

export async function startHostileSipServer(domain = 'pult.test'): Promise<HostileSipServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => (p.has('sip') ? 'sip' : false) });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const received: string[] = [];
  let socket: WebSocket | null = null;
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const msg = data.toString();
      received.push(msg);
      if (msg.startsWith('REGISTER ')) {
        const reply = [
          'SIP/2.0 200 OK',
          `Via: ${header(msg, 'Via')}`,
          `From: ${header(msg, 'From')}`,
          `To: ${header(msg, 'To')};tag=${randomBytes(4).toString('hex')}`,
          `Call-ID: ${header(msg, 'Call-ID')}`,
          `CSeq: ${header(msg, 'CSeq')}`,
          `Contact: ${header(msg, 'Contact')};expires=300`,
          'Content-Length: 0',
          '',
          '',
        ].join('\r\n');
        ws.send(reply);
      }
    });
  });
  const { port } = wss.address() as { port: number };
  let n = 0;
  return {
    url: `ws://127.0.0.1:${port}`,
    received,
    send(frame) {
      if (!socket) throw new Error('the softphone is not connected');
      socket.send(frame);
    },
    invite(user, from, extraHeaders = []) {
      n++;
      const callId = `${randomBytes(8).toString('hex')}@hostile.invalid`;
      const branch = `z9hG4bK${randomBytes(6).toString('hex')}`;
      const common = [
        `Via: SIP/2.0/WS hostile.invalid;branch=${branch}`,
        `From: <sip:${from}@${domain}>;tag=f${n}`,
        `To: <sip:${user}@${domain}>`,
        `Call-ID: ${callId}`,
      ];
      const frame = [`INVITE sip:${user}@${domain} SIP/2.0`, ...common, 'CSeq: 1 INVITE', 'Max-Forwards: 70', `Contact: <sip:${from}@hostile.invalid;transport=ws>`, ...extraHeaders, 'Content-Length: 0', '', ''].join('\r\n');
      const cancel = [`CANCEL sip:${user}@${domain} SIP/2.0`, ...common, 'CSeq: 1 CANCEL', 'Max-Forwards: 70', 'Content-Length: 0', '', ''].join('\r\n');
      return { callId, frame, cancel };
    },
    close: () => new Promise<void>((resolve) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => resolve());
    }),
  };
}
