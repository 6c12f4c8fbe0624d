// A loopback TCP proxy between the test pages and Kamailio that the test can cut: it forwards bytes
// both ways untouched (the WebSocket handshake included) and cut() destroys every connection open
// at that moment — to both sides, as a dropped network would; freeze() keeps them open but stops
// carrying bytes (a half-open socket: a network gone without a FIN or RST). New connections are
// always let through.
import { connect, createServer, type Socket } from 'node:net';

export interface CutProxy {
  /** ws://127.0.0.1:PORT — give this to the pages instead of Kamailio's URI. */
  wsUrl: string;
  /** Connections open now. */
  open(): number;
  /** Connections accepted so far. */
  accepted(): number;
  /** Destroys every open connection; returns how many there were. */
  cut(): number;
  /** Stops forwarding on every open connection, leaving it open; returns how many there were. */
  freeze(): number;
  close(): Promise<void>;
}

export async function startCutProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CutProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let accepted = 0;
  const server = createServer((client) => {
    accepted++;
    const upstream = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const s of pair) {
      s.on('error', end);
      s.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const cut = () => {
    const n = pairs.size;
    // resetAndDestroy (RST) rather than a FIN: closer to a network that went away mid-stream.
    for (const [client, upstream] of pairs) {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    }
    pairs.clear();
    return n;
  };
  const freeze = () => {
    for (const [client, upstream] of pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      // Read and drop: nothing reaches the other side, and no back-pressure tells anyone.
      client.on('data', () => {});
      upstream.on('data', () => {});
    }
    return pairs.size;
  };
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    open: () => pairs.size,
    accepted: () => accepted,
    cut,
    freeze,
    close: () => new Promise<void>((resolve) => {
      cut();
      server.close(() => resolve());
    }),
  };
}
