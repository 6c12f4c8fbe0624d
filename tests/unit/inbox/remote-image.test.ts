// Letters' remote images through the main process (electron/services/inbox/remote-image.ts), against
// a real HTTP server on loopback: pictures come back as bytes of their sniffed type; SVG, HTML, big
// files, errors, endless redirects and slow servers are refused with their reason; and by default
// nothing on the operator's own network is reached, also through a redirect or an IPv4-mapped
// IPv6 address or a name that resolves there.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRemoteImage } from '../../../electron/services/inbox/remote-image.ts';
import { RemoteImage, RemoteImageInput } from '../../../contract/remote-image-ipc.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32, 2)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');

let server: Server;
let base = '';
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const send = (type: string, body: Buffer) => res.writeHead(200, { 'content-type': type }).end(body);
    switch (req.url) {
      case '/logo.png': return send('image/png', PNG);
      case '/lies.jpg': return send('image/jpeg', GIF); // the type header is not believed
      case '/evil.svg': return send('image/svg+xml', SVG);
      case '/page.png': return send('image/png', Buffer.from('<html><script>x()</script></html>'));
      case '/big.png': return send('image/png', Buffer.concat([PNG, Buffer.alloc(2000)]));
      case '/gone.png': return res.writeHead(404).end();
      case '/hop': return res.writeHead(302, { location: '/logo.png' }).end();
      case '/loop': return res.writeHead(302, { location: '/loop' }).end();
      case '/slow.png': return void setTimeout(() => send('image/png', PNG), 2000);
      default: return res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const local = { allowLocalAddresses: true, timeoutMs: 1000, maxBytes: 1024 };

describe('a letter\'s remote image through the main process', () => {
  it('brings a picture back as bytes of the type its first bytes say, not the header', async () => {
    const png = await fetchRemoteImage(`${base}/logo.png`, local);
    expect(png).toEqual({ ok: true, type: 'image/png', base64: PNG.toString('base64') });
    expect(RemoteImage.safeParse(png).success).toBe(true);
    expect(await fetchRemoteImage(`${base}/lies.jpg`, local)).toMatchObject({ ok: true, type: 'image/gif' });
    expect(await fetchRemoteImage(`${base}/hop`, local)).toMatchObject({ ok: true, type: 'image/png' });
  });

  it('refuses SVG, HTML, big files, errors, endless redirects and slow servers with their reason', async () => {
    expect(await fetchRemoteImage(`${base}/evil.svg`, local)).toEqual({ ok: false, reason: 'not_an_image' });
    expect(await fetchRemoteImage(`${base}/page.png`, local)).toEqual({ ok: false, reason: 'not_an_image' });
    expect(await fetchRemoteImage(`${base}/big.png`, local)).toEqual({ ok: false, reason: 'too_large' });
    expect(await fetchRemoteImage(`${base}/gone.png`, local)).toEqual({ ok: false, reason: 'http_error' });
    expect(await fetchRemoteImage(`${base}/loop`, local)).toEqual({ ok: false, reason: 'too_many_redirects' });
    expect(await fetchRemoteImage(`${base}/slow.png`, { ...local, timeoutMs: 200 })).toEqual({ ok: false, reason: 'timeout' });
    expect(await fetchRemoteImage('http://127.0.0.1:1/x.png', local)).toEqual({ ok: false, reason: 'unreachable' });
  });

  it('by default reaches nothing on the operator\'s own network', async () => {
    const before = hits.length;
    expect(await fetchRemoteImage(`${base}/logo.png`)).toEqual({ ok: false, reason: 'local_address' });
    const port = (server.address() as AddressInfo).port;
    expect(await fetchRemoteImage(`http://[::ffff:127.0.0.1]:${port}/logo.png`)).toEqual({ ok: false, reason: 'local_address' });
    for (const address of ['10.0.0.1', '192.168.1.1', '172.16.5.4', '169.254.169.254', '100.64.0.1', 'fd00::1', '::1', '0.0.0.0']) {
      const resolve = async () => [address];
      expect(await fetchRemoteImage('http://router.example/reset.png', { resolve }), address).toEqual({ ok: false, reason: 'local_address' });
    }
    // A name with one public and one private address is refused too.
    expect(await fetchRemoteImage('http://mixed.example/a.png', { resolve: async () => ['93.184.216.34', '10.1.1.1'] })).toEqual({ ok: false, reason: 'local_address' });
    expect(hits.length).toBe(before);
  });

  it('a public address is fetched; a redirect from it into the local network is not followed', async () => {
    const asked: string[] = [];
    const fetchImpl = (async (url: URL) => {
      asked.push(url.href);
      if (url.pathname === '/to-router') return new Response(null, { status: 302, headers: { location: 'http://192.168.0.1/admin.png' } });
      return new Response(PNG, { status: 200 });
    }) as unknown as typeof fetch;
    const resolve = async () => ['93.184.216.34'];
    expect(await fetchRemoteImage('https://cdn.example.ru/logo.png', { resolve, fetchImpl })).toMatchObject({ ok: true, type: 'image/png' });
    expect(await fetchRemoteImage('https://cdn.example.ru/to-router', { resolve, fetchImpl })).toEqual({ ok: false, reason: 'local_address' });
    expect(asked).toEqual(['https://cdn.example.ru/logo.png', 'https://cdn.example.ru/to-router']);
  });

  it('the contract refuses what is not an http(s) address', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:image/png;base64,AAAA', 'ftp://x/y.png', 'http://', 'x'.repeat(3000)]) {
      expect(RemoteImageInput.safeParse({ url }).success, url).toBe(false);
    }
    expect(RemoteImageInput.safeParse({ url: 'https://cdn.example.ru/a.png' }).success).toBe(true);
  });
});
