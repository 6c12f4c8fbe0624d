// Article pictures cached in the replica: fetched once from the server and then served offline;
// after a sync the pictures new articles refer to are fetched ahead; a wrong type, an oversized
// picture or a missing one is not cached (and nothing breaks).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KB_IMAGE_MAX_BYTES, kbImageRefs } from '../../../contract/kb-images.ts';
import { createImageCache } from '../../../electron/services/kb-images/image-cache.ts';
import { article } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { openStore, up } from '../customers/helpers.ts';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><title>WAN</title></svg>';
const served: string[] = [];
let server: Server;
let url = '';
let up_ = true;
beforeAll(async () => {
  server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').replace('/api/kb/images/', ''));
    served.push(name);
    if (req.headers.authorization !== 'Bearer tok') return void res.writeHead(401).end();
    if (name === 'router.svg' || name === 'leds.svg') return void res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(SVG);
    if (name === 'liar.png') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>');
    if (name === 'huge.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(KB_IMAGE_MAX_BYTES + 1));
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"picture not found"}}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function setup() {
  const { store } = openStore();
  const db = { getImage: async (n: string) => store.getImage(n), putImage: async (i: Parameters<typeof store.putImage>[0]) => store.putImage(i), missingImages: async (l: number) => store.missingImages(l) };
  const cache = createImageCache({ session: () => (up_ ? { serverUrl: url, token: 'tok' } : { serverUrl: 'http://127.0.0.1:9', token: 'tok' }), timeoutMs: 2000 });
  return { store, db, cache };
}

describe('article pictures', () => {
  it('finds the kb-image references of a Markdown body, each once, and nothing else', () => {
    expect(kbImageRefs('![a](kb-image:router.svg) text ![b](kb-image:router.svg) ![c](https://x.ru/a.png) ![d](kb-image:../etc.png)')).toEqual(['router.svg']);
  });

  it('fetched once, then served from the replica with the server gone', async () => {
    const { db, cache } = setup();
    up_ = true;
    const first = await cache.image(db, 'router.svg');
    expect(first).toEqual({ dataUrl: `data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`, cached: false });
    up_ = false;
    const count = served.length;
    expect(await cache.image(db, 'router.svg')).toEqual({ ...first, cached: true });
    expect(served.length).toBe(count);
    expect(await cache.image(db, 'leds.svg')).toBeNull(); // not cached, server unreachable: no picture, no error
    up_ = true;
  });

  it('prefetches what the articles refer to; a wrong type, an oversized or a missing picture is not kept', async () => {
    const { store, db, cache } = setup();
    const body = (names: string[]) => names.map((n) => `![x](kb-image:${n})`).join('\n\n');
    store.applyPullPage({
      after: '0',
      body: pageBody([up('article', { ...article(1), body: body(['router.svg', 'liar.png']) }, 1), up('article', { ...article(2), body: body(['leds.svg', 'huge.png', 'gone.png']) }, 2), up('article', article(3), 3)], '3'),
    });
    expect((await db.missingImages(100)).sort()).toEqual(['gone.png', 'huge.png', 'leds.svg', 'liar.png', 'router.svg']);
    await cache.prefetch(db);
    expect((await db.missingImages(100)).sort()).toEqual(['gone.png', 'huge.png', 'liar.png']);
    expect(store.getImage('leds.svg')?.mime).toBe('image/svg+xml');
    await expect(cache.image(db, 'liar.png')).rejects.toMatchObject({ code: 'incompatible_server' });
    await expect(cache.image(db, 'huge.png')).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(await cache.image(db, 'gone.png')).toBeNull();
  });
});
