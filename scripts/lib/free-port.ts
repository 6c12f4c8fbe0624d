// A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). Another process may take it
// before the caller binds, so starters retry on a bind failure.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
