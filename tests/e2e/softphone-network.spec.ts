// The softphone (renderer/src/sip) when the network misbehaves, between two real Chromium pages and
// a real Kamailio, through a TCP proxy the test can cut or freeze (tests/e2e/sip/ws-cut-proxy.ts):
// both sockets cut mid-call, a socket gone silent, one side's socket cut mid-call, and Kamailio
// restarted while both operators are registered.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startKamailio, type Kamailio } from '../../scripts/kamailio.ts';
import type { CallAction } from './sip/driver.ts';
import { chromiumLaunchOptions } from './fixtures/chromium.ts';
import { serveSipTestPage, type TestPage } from './sip/test-page.ts';
import { startCutProxy, type CutProxy } from './sip/ws-cut-proxy.ts';

const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
test.use({ launchOptions: chromiumLaunchOptions(FAKE_MEDIA) });
test.describe.configure({ mode: 'serial' });

const PASSWORD = 'pult-test';
let kamailio: Kamailio;
let site: TestPage;
let proxy: CutProxy;

test.beforeAll(async () => {
  [kamailio, site] = await Promise.all([startKamailio({ password: PASSWORD }), serveSipTestPage()]);
  proxy = await startCutProxy(kamailio.port);
});
test.afterAll(async () => {
  await proxy?.close();
  await site?.close();
  await kamailio?.stop();
});

async function operator(browser: Browser, extension: string, wsUrl: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => console.error(`[page ${extension}] ${e.message}`));
  await page.goto(site.url);
  const account = { websocketUris: [wsUrl], domain: kamailio.domain, extension, displayName: `Оператор ${extension}` };
  await page.evaluate(([acc, pw]) => window.sip.start(acc, pw), [account, PASSWORD] as const);
  return page;
}

const registration = (p: Page) => p.evaluate(() => window.sip.registration());
const history = (p: Page) => p.evaluate(() => window.sip.registrationHistory());
const snapshot = (p: Page, id: string) => p.evaluate((i) => window.sip.snapshot(i), id);
const status = async (p: Page, id: string) => (await snapshot(p, id))?.status;
const act = (p: Page, id: string, action: CallAction) => p.evaluate(([i, a]) => window.sip.act(i, a), [id, action] as const);
const packets = (p: Page, id: string) => p.evaluate((i) => window.sip.inboundPackets(i), id);

async function registered(timeout: number, ...pages: Page[]): Promise<void> {
  for (const p of pages) await expect.poll(async () => (await registration(p)).status, { timeout }).toBe('registered');
}

/** A calls B, B answers; resolves once both are confirmed and audio has arrived on both sides. */
async function connectedCall(a: Page, b: Page, extension: string): Promise<{ aId: string; bId: string }> {
  const before = await b.evaluate(() => window.sip.incoming());
  const aId = await a.evaluate((ext) => window.sip.dial(ext), extension);
  await expect.poll(() => b.evaluate(() => window.sip.incoming())).not.toBe(before);
  const bId = (await b.evaluate(() => window.sip.incoming()))!;
  await expect.poll(() => status(b, bId)).toBe('ringing');
  await expect.poll(() => status(a, aId)).toBe('ringing');
  await act(b, bId, 'answer');
  await expect.poll(() => status(a, aId)).toBe('confirmed');
  await expect.poll(() => status(b, bId)).toBe('confirmed');
  await expect.poll(() => packets(a, aId), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => packets(b, bId), { timeout: 15_000 }).toBeGreaterThan(0);
  return { aId, bId };
}

test('a WebSocket cut mid-call: media keeps flowing, the call stays confirmed, both re-register', async ({ browser }) => {
  const a = await operator(browser, '5001', proxy.wsUrl);
  const b = await operator(browser, '5002', proxy.wsUrl);
  await registered(10_000, a, b);
  const { aId, bId } = await connectedCall(a, b, '5002');
  const [historyA, historyB] = [(await history(a)).length, (await history(b)).length];

  expect(proxy.cut()).toBe(2);
  const cutAt = Date.now();
  const [a0, b0] = [await packets(a, aId), await packets(b, bId)];
  // Both sides noticed: the socket closed, the registration left 'registered'.
  await expect.poll(async () => (await history(a)).slice(historyA)).toContain('failed');
  await expect.poll(async () => (await history(b)).slice(historyB)).toContain('failed');
  // RTP is peer to peer: it keeps arriving on both sides while the SIP socket is down.
  await new Promise((r) => setTimeout(r, Math.max(0, 3_000 - (Date.now() - cutAt))));
  expect(await packets(a, aId)).toBeGreaterThan(a0 + 50); // 20 ms packets: ~150 in 3 s
  expect(await packets(b, bId)).toBeGreaterThan(b0 + 50);
  expect(await status(a, aId)).toBe('confirmed');
  expect(await status(b, bId)).toBe('confirmed');

  // JsSIP reconnects after its backoff (2 s at the first attempt) and registers again. Each side
  // then sends a target refresh (dialog-refresh.ts); both fail here, as each names the other's dead
  // connection, and the failure must not end the call.
  await registered(15_000, a, b);
  expect(proxy.accepted()).toBeGreaterThanOrEqual(4);
  await new Promise((r) => setTimeout(r, 1_000));
  const [a1, b1] = [await packets(a, aId), await packets(b, bId)];
  await expect.poll(() => packets(a, aId), { timeout: 5_000 }).toBeGreaterThan(a1);
  await expect.poll(() => packets(b, bId), { timeout: 5_000 }).toBeGreaterThan(b1);
  expect(await status(a, aId)).toBe('confirmed');
  expect(await status(b, bId)).toBe('confirmed');

  // Hang-up after the cut. A's BYE leaves over A's new socket, but Kamailio cannot forward it: the
  // dialog's way to B is the alias of B's old connection (Kamailio's add_contact_alias), gone with
  // the cut, so it answers with an error. JsSIP ends A's call at once (it does not wait for the
  // BYE's answer); B is never told and stays confirmed, though A's media has stopped.
  const deadRoutes = () => kamailio.log().split('for WebSocket could not be found').length - 1;
  const deadBefore = deadRoutes();
  await act(a, aId, 'hangup');
  await expect.poll(() => status(a, aId)).toBe('ended');
  expect(await snapshot(a, aId)).toMatchObject({ endedBy: 'local', reason: 'sip.reason.hungUp' });
  await expect.poll(deadRoutes).toBeGreaterThan(deadBefore);
  expect(await status(b, bId)).toBe('confirmed');
  // B's own hang-up meets the same dead route to A; B's call ends locally all the same.
  await act(b, bId, 'hangup');
  await expect.poll(() => status(b, bId)).toBe('ended');
  expect(await snapshot(b, bId)).toMatchObject({ endedBy: 'local' });
  await Promise.all([a.evaluate(() => window.sip.stop()), b.evaluate(() => window.sip.stop())]);
});

test("a socket gone silent: JsSIP still says registered; 'online' re-registers, and a new socket replaces the dead one", async ({ browser }) => {
  const a = await operator(browser, '7001', proxy.wsUrl);
  await registered(10_000, a);
  const accepted = proxy.accepted();
  const before = (await history(a)).length;

  // A network gone without a FIN or RST: nothing arrives, nothing closes.
  expect(proxy.freeze()).toBeGreaterThanOrEqual(1);
  await new Promise((r) => setTimeout(r, 1_000));
  expect((await history(a)).slice(before)).toEqual([]);
  expect((await registration(a)).status).toBe('registered');

  // What Chromium fires when the network comes back (Playwright's setOffline would also cut the socket).
  const onlineAt = Date.now();
  await a.evaluate(() => window.dispatchEvent(new Event('online')));
  // The REGISTER goes into the dead socket; after network-recovery.ts's 8 s probe, a new socket.
  await expect.poll(async () => (await history(a)).slice(before), { timeout: 15_000 }).toContain('connecting');
  await registered(15_000, a);
  expect(Date.now() - onlineAt).toBeLessThan(14_000);
  expect(proxy.accepted()).toBe(accepted + 1);
  await a.evaluate(() => window.sip.stop());
  proxy.cut(); // the frozen connection
});

test("only A's socket cut mid-call: once A is back, hang-up crosses the dialog both ways", async ({ browser }) => {
  // The usual case: one operator's network drops, the far end's connection to the server holds.
  const a = await operator(browser, '8001', proxy.wsUrl);
  const b = await operator(browser, '8002', kamailio.wsUrl);
  await registered(10_000, a, b);
  const { aId, bId } = await connectedCall(a, b, '8002');
  const before = (await history(a)).length;

  expect(proxy.cut()).toBe(1);
  await expect.poll(async () => (await history(a)).slice(before)).toContain('failed');
  await registered(15_000, a);
  // A's target refresh (a re-INVITE over the new socket, dialog-refresh.ts) takes a loopback round
  // trip; without it B's BYE would go to A's old connection and never arrive.
  await new Promise((r) => setTimeout(r, 1_000));
  expect(await status(a, aId)).toBe('confirmed');
  expect(await status(b, bId)).toBe('confirmed');
  const [a0, b0] = [await packets(a, aId), await packets(b, bId)];
  await expect.poll(() => packets(a, aId), { timeout: 5_000 }).toBeGreaterThan(a0);
  await expect.poll(() => packets(b, bId), { timeout: 5_000 }).toBeGreaterThan(b0);

  await act(b, bId, 'hangup');
  await expect.poll(() => status(a, aId)).toBe('ended');
  expect(await snapshot(a, aId)).toMatchObject({ endedBy: 'remote', reason: 'sip.reason.hungUp' });
  await Promise.all([a.evaluate(() => window.sip.stop()), b.evaluate(() => window.sip.stop())]);
});

test('Kamailio restarted: both re-register, and a new call rings and connects', async ({ browser }) => {
  const a = await operator(browser, '6001', kamailio.wsUrl);
  const b = await operator(browser, '6002', kamailio.wsUrl);
  await registered(10_000, a, b);
  const [historyA, historyB] = [(await history(a)).length, (await history(b)).length];

  await kamailio.restart();
  // The restart closed both sockets and forgot both registrations (memory only).
  await expect.poll(async () => (await history(a)).slice(historyA)).toContain('failed');
  await expect.poll(async () => (await history(b)).slice(historyB)).toContain('failed');
  await registered(20_000, a, b);

  const { aId, bId } = await connectedCall(a, b, '6002');
  await act(b, bId, 'hangup');
  await expect.poll(() => status(a, aId)).toBe('ended');
  await Promise.all([a.evaluate(() => window.sip.stop()), b.evaluate(() => window.sip.stop())]);
});
