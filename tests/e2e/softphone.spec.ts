// The softphone (renderer/src/sip) between two real Chromium pages with fake media devices,
// through a real Kamailio started for this file: register, call, answer, RTP both ways, hold and
// resume, decline with 486/603, hang-up, and registration failures put into words.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startKamailio, type Kamailio } from '../../scripts/kamailio.ts';
import { freePort } from '../../scripts/lib/free-port.ts';
import type { SipAccountInput } from '../../contract/sip.ts';
import type { CallAction } from './sip/driver.ts';
import { chromiumLaunchOptions } from './fixtures/chromium.ts';
import { serveSipTestPage, type TestPage } from './sip/test-page.ts';

const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
test.use({ launchOptions: chromiumLaunchOptions(FAKE_MEDIA) });
test.describe.configure({ mode: 'serial' });

const PASSWORD = 'pult-test';
let kamailio: Kamailio;
let site: TestPage;

test.beforeAll(async () => {
  [kamailio, site] = await Promise.all([startKamailio({ password: PASSWORD }), serveSipTestPage()]);
});
test.afterAll(async () => {
  await site?.close();
  await kamailio?.stop();
});

/** A page with one softphone started for this extension. Every test uses its own extensions. */
async function operator(browser: Browser, extension: string, opts: { password?: string; uris?: string[]; extra?: Partial<SipAccountInput> } = {}): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => console.error(`[page ${extension}] ${e.message}`));
  await page.goto(site.url);
  const account: SipAccountInput = { websocketUris: opts.uris ?? [kamailio.wsUrl], domain: kamailio.domain, extension, displayName: `Оператор ${extension}`, ...opts.extra };
  await page.evaluate(([acc, pw]) => window.sip.start(acc, pw), [account, opts.password ?? PASSWORD] as const);
  return page;
}

const registration = (p: Page) => p.evaluate(() => window.sip.registration());
const snapshot = (p: Page, id: string) => p.evaluate((i) => window.sip.snapshot(i), id);
const status = async (p: Page, id: string) => (await snapshot(p, id))?.status;
const act = (p: Page, id: string, action: CallAction) => p.evaluate(([i, a]) => window.sip.act(i, a), [id, action] as const);
const packets = (p: Page, id: string) => p.evaluate((i) => window.sip.inboundPackets(i), id);
const direction = (p: Page, id: string) => p.evaluate((i) => window.sip.direction(i), id);

async function registered(...pages: Page[]): Promise<void> {
  for (const p of pages) await expect.poll(async () => (await registration(p)).status).toBe('registered');
}

/** A dials B's extension; resolves with both sides' call ids once B rings. */
async function ring(a: Page, b: Page, extension: string): Promise<{ aId: string; bId: string }> {
  const before = await b.evaluate(() => window.sip.incoming());
  const aId = await a.evaluate((ext) => window.sip.dial(ext), extension);
  // The new call, not the one that rang before it.
  await expect.poll(() => b.evaluate(() => window.sip.incoming())).not.toBe(before);
  const bId = (await b.evaluate(() => window.sip.incoming()))!;
  await expect.poll(() => status(a, aId)).toBe('ringing');
  return { aId, bId };
}

test('A calls B: both confirmed, audio flows both ways, hold and resume, hang-up ends both', async ({ browser }) => {
  const a = await operator(browser, '1001');
  const b = await operator(browser, '1002');
  await registered(a, b);

  const { aId, bId } = await ring(a, b, '1002');
  expect(await snapshot(b, bId)).toMatchObject({ direction: 'inbound', status: 'ringing', remoteUser: '1001', remoteName: 'Оператор 1001' });
  await act(b, bId, 'answer');
  await expect.poll(() => status(a, aId)).toBe('confirmed');
  await expect.poll(() => status(b, bId)).toBe('confirmed');

  // RTP both ways: each side has received audio packets from the other.
  await expect.poll(() => packets(a, aId), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => packets(b, bId), { timeout: 15_000 }).toBeGreaterThan(0);

  await act(a, aId, 'hold');
  await expect.poll(() => direction(a, aId)).toBe('sendonly');
  await expect.poll(() => direction(b, bId)).toBe('recvonly');
  expect(await snapshot(a, aId)).toMatchObject({ held: true, remoteHeld: false });
  await expect.poll(async () => (await snapshot(b, bId))?.remoteHeld).toBe(true);

  await act(a, aId, 'resume');
  await expect.poll(() => direction(a, aId)).toBe('sendrecv');
  await expect.poll(() => direction(b, bId)).toBe('sendrecv');
  await expect.poll(async () => (await snapshot(b, bId))?.remoteHeld).toBe(false);
  // After resume B hears A again: its packet count keeps growing.
  const before = await packets(b, bId);
  await expect.poll(() => packets(b, bId), { timeout: 10_000 }).toBeGreaterThan(before);

  await act(a, aId, 'hangup');
  await expect.poll(() => status(b, bId)).toBe('ended');
  expect(await snapshot(a, aId)).toMatchObject({ status: 'ended', endedBy: 'local', reason: 'sip.reason.hungUp' });
  expect(await snapshot(b, bId)).toMatchObject({ status: 'ended', endedBy: 'remote', reason: 'sip.reason.hungUp' });
  await Promise.all([a.evaluate(() => window.sip.stop()), b.evaluate(() => window.sip.stop())]);
});

test('B declines: A hears 486 Busy Here, then 603 Decline, each put into words', async ({ browser }) => {
  const a = await operator(browser, '2001');
  const b = await operator(browser, '2002');
  await registered(a, b);

  const first = await ring(a, b, '2002');
  await act(b, first.bId, 'decline486');
  await expect.poll(() => status(a, first.aId)).toBe('ended');
  expect(await snapshot(a, first.aId)).toMatchObject({ statusCode: 486, reason: 'sip.reason.busy', endedBy: 'remote' });
  expect(await snapshot(b, first.bId)).toMatchObject({ status: 'ended', statusCode: 486, endedBy: 'local' });

  const second = await ring(a, b, '2002');
  expect(second.bId).not.toBe(first.bId);
  await act(b, second.bId, 'decline603');
  await expect.poll(() => status(a, second.aId)).toBe('ended');
  expect(await snapshot(a, second.aId)).toMatchObject({ statusCode: 603, reason: 'sip.reason.declined' });
  expect(await b.evaluate(() => window.sip.refusals().total)).toBe(0);
  await Promise.all([a.evaluate(() => window.sip.stop()), b.evaluate(() => window.sip.stop())]);
});

test('an unreachable STUN server does not stall the call; DTMF by SIP INFO reaches the far end', async ({ browser }) => {
  // Unbounded, Chromium waits ~40 s for this STUN server before JsSIP sends the INVITE (measured).
  const stun = { iceServers: [{ urls: 'stun:192.0.2.99:3478' }] };
  const a = await operator(browser, '4001', { extra: { ...stun, dtmfMode: 'info' } });
  const b = await operator(browser, '4002', { extra: stun });
  await registered(a, b);

  const started = Date.now();
  const { aId, bId } = await ring(a, b, '4002');
  expect(Date.now() - started).toBeLessThan(5_000);
  await act(b, bId, 'answer');
  await expect.poll(() => status(a, aId)).toBe('confirmed');
  expect(Date.now() - started).toBeLessThan(8_000);

  await a.evaluate((id) => window.sip.dtmf(id, '12#'), aId);
  await expect.poll(() => b.evaluate(() => window.sip.dtmfReceived().join(''))).toBe('12#');
  await act(b, bId, 'hangup');
  await expect.poll(() => status(a, aId)).toBe('ended');
  await Promise.all([a.evaluate(() => window.sip.stop()), b.evaluate(() => window.sip.stop())]);
});

test('registration failures say why: wrong password, server unreachable', async ({ browser }) => {
  const wrong = await operator(browser, '3001', { password: 'not-the-password' });
  await expect.poll(async () => (await registration(wrong)).status).toBe('failed');
  expect(await registration(wrong)).toMatchObject({ reason: 'sip.reason.unauthorized', statusCode: 401 });
  await wrong.evaluate(() => window.sip.stop());

  // A port nobody listens on: the WebSocket cannot connect.
  const nowhere = await operator(browser, '3002', { uris: [`ws://127.0.0.1:${await freePort()}`] });
  await expect.poll(async () => (await registration(nowhere)).status).toBe('failed');
  expect((await registration(nowhere)).reason).toBe('sip.reason.unreachable');
  await nowhere.evaluate(() => window.sip.stop());
});
