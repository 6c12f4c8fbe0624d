// Hostile SIP against the softphone (renderer/src/sip) in a real Chromium page: a peer that
// registers it, then sends garbage, binary junk, cut-off and oversized frames, a body of the wrong
// length, an unknown method, and a flood of 200 INVITEs. The softphone refuses and logs each
// (reason and count), answers the unknown method 405 and the flood 486 beyond its two lines,
// stays registered, and still rings for the next good call.
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions } from './fixtures/chromium.ts';
import { startHostileSipServer, type HostileSipServer } from './sip/hostile-sip-server.ts';
import { serveSipTestPage, type TestPage } from './sip/test-page.ts';

test.use({ launchOptions: chromiumLaunchOptions(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']) });

let peer: HostileSipServer;
let site: TestPage;
test.beforeAll(async () => {
  [peer, site] = await Promise.all([startHostileSipServer(), serveSipTestPage()]);
});
test.afterAll(async () => {
  await site?.close();
  await peer?.close();
});

const FLOOD = 200;
const responses = (code: number) => peer.received.filter((m) => m.startsWith(`SIP/2.0 ${code} `));

test('garbage, cut-off, oversized frames and an INVITE flood: refused and logged, the softphone keeps working', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.url);
  await page.evaluate((url) => window.sip.start({ websocketUris: [url], domain: 'pult.test', extension: '1002' }), peer.url);
  await expect.poll(() => page.evaluate(() => window.sip.registration().status)).toBe('registered');

  const invite = peer.invite('1002', '79161234567').frame;
  peer.send('\u0000\u0001\u0002 not SIP at all');
  peer.send(Buffer.from([0xff, 0xfe, 0xfd, 0x00]));
  peer.send(invite.slice(0, 120));
  peer.send(invite.replace('Content-Length: 0', 'Content-Length: 4096'));
  peer.send(`${invite.slice(0, -4)}\r\nX-Padding: ${'A'.repeat(1_000_000)}\r\n\r\n`);
  peer.send('HTTP/1.1 400 Bad Request\r\n\r\n');
  const unknown = peer.invite('1002', '79161234567').frame.replace(/^INVITE /, 'FROBNICATE ').replace('CSeq: 1 INVITE', 'CSeq: 1 FROBNICATE');
  peer.send(unknown);
  await expect.poll(() => responses(405).length).toBe(1);
  await expect.poll(() => page.evaluate(() => window.sip.refusals().total)).toBe(6);
  const reasons = await page.evaluate(() => window.sip.refusals().recent.map((r) => r.reason));
  expect(reasons).toEqual(['malformed', 'not_text', 'truncated', 'truncated', 'oversized', 'malformed']);

  // The flood: two lines ring, every other INVITE is answered 486 at once.
  const flood = Array.from({ length: FLOOD }, () => peer.invite('1002', '74956428585'));
  for (const f of flood) peer.send(f.frame);
  await expect.poll(() => responses(486).length, { timeout: 30_000 }).toBe(FLOOD - 2);
  expect(await page.evaluate(() => window.sip.liveCalls().length)).toBe(2);
  const after = await page.evaluate(() => window.sip.refusals());
  expect(after.total).toBe(6 + FLOOD - 2);
  expect(after.recent.length).toBeLessThanOrEqual(100); // the log keeps the latest, counts them all
  expect(after.recent.at(-1)?.reason).toBe('too_many_calls');

  // The two ringing calls are cancelled by the caller; the next good call rings.
  const ringing = flood.filter((f) => !responses(486).some((m) => m.includes(f.callId)));
  expect(ringing).toHaveLength(2);
  for (const f of ringing) peer.send(f.cancel);
  await expect.poll(() => page.evaluate(() => window.sip.liveCalls().length)).toBe(0);
  const good = peer.invite('1002', '79031112233', ['X-IVR-Choice: 2']);
  peer.send(good.frame);
  await expect.poll(() => peer.received.some((m) => m.startsWith('SIP/2.0 180 ') && m.includes(good.callId))).toBe(true);
  expect(await page.evaluate(() => window.sip.liveCalls().length)).toBe(1);
  expect(await page.evaluate(() => window.sip.registration().status)).toBe('registered');
  expect(errors).toEqual([]);
});
