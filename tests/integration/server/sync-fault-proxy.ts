// A loopback TCP proxy between a client and the server that a test can cut, the way a network
// fails: `reset` refuses every connection (and drops those open) with an RST, `blackhole` accepts
// and then never answers (packets lost: requests time out), `pass` forwards bytes both ways.
import { createServer, connect, type Server, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'reset' | 'blackhole';

export interface FaultProxy {
  /** http://127.0.0.1:PORT/ of the proxy, for the client. */
  url: string;
  mode(): ProxyMode;
  /** Switching away from `pass` drops every forwarded connection; back to `pass` drops the held ones. */
  set(mode: ProxyMode): void;
  /** Connections accepted in each mode so far. */
  accepted: Record<ProxyMode, number>;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: ProxyMode = 'pass';
  const forwarded = new Set<Socket>();
  const held = new Set<Socket>();
  const accepted: Record<ProxyMode, number> = { pass: 0, reset: 0, blackhole: 0 };

  const server: Server = createServer((client) => {
    accepted[mode]++;
    client.on('error', () => undefined); // a reset or an aborted client is what this proxy is for
    if (mode === 'reset') return void client.resetAndDestroy();
    if (mode === 'blackhole') {
      held.add(client);
      client.on('data', () => undefined); // read and drop
      client.once('close', () => held.delete(client));
      return;
    }
    const upstream = connect(target.port, target.host);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    forwarded.add(client);
    forwarded.add(upstream);
    for (const s of [client, upstream]) s.once('close', () => forwarded.delete(s));
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  const dropAll = (sockets: Set<Socket>) => {
    for (const s of [...sockets]) s.resetAndDestroy();
    sockets.clear();
  };

  return {
    url: `http://127.0.0.1:${port}/`,
    mode: () => mode,
    set(next) {
      if (next !== 'pass') dropAll(forwarded);
      if (next === 'pass') dropAll(held);
      mode = next;
    },
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        dropAll(forwarded);
        dropAll(held);
        server.close(() => resolve());
      }),
  };
}
