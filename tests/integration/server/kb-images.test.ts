// Pictures of articles: any signed-in agent gets the bytes with their type and a policy that keeps
// an SVG inert; a bad name is refused before the database is asked; nobody unsigned gets one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, apiPath, PROTOCOL_HEADER, PROTOCOL_VERSION, ServerErrorBody } from '../../../contract/index.ts';
import { kbImages } from '../../../server/src/seed/content/images/index.ts';
import { fixtureData, LOGINS } from './fixtures.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ data: { ...fixtureData(), images: kbImages() } });
});
afterAll(async () => {
  await h?.close();
});

const get = async (name: string, token: string | null) =>
  h.app.inject({ method: 'GET', url: apiPath(API.kbImage, { name }), headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...(token ? { authorization: `Bearer ${token}` } : {}) } });

describe('knowledge-base pictures', () => {
  it('serves a seeded SVG byte for byte, typed, not sniffable, sandboxed', async () => {
    const image = kbImages().find((i) => i.name === 'router-back-panel.svg')!;
    const r = await get(image.name, await h.token(LOGINS.operator));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/svg+xml');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(r.rawPayload, Buffer.from(image.bytes))).toBe(0);
  });

  it.each([
    ['a missing picture', 'nothing-here.png', 404, 'not_found'],
    ['a path outside the folder', '..%2F..%2Fetc%2Fpasswd', 400, 'invalid_input'],
    ['an unknown type', 'script.js', 400, 'invalid_input'],
  ])('refuses %s', async (_n, name, status, code) => {
    const r = await get(name, await h.token(LOGINS.operator));
    expect(r.statusCode).toBe(status);
    expect(ServerErrorBody.parse(r.json()).error.code).toBe(code);
  });

  it('needs a signed-in agent', async () => {
    expect((await get('router-leds.svg', null)).statusCode).toBe(401);
  });
});
