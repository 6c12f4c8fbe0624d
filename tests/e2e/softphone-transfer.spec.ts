// Transfers and the three-way conference between three real Chromium pages (A the customer, B the
// operator, C the colleague) through a real Kamailio: blind transfer (REFER), a blind transfer to
// nobody (the call stays with B), attended transfer (consultation on B's second line, then REFER
// with Replaces: C takes the customer over and the consultation leg ends), and a conference mixed
// in B's page (A hears C through B; B's mute silences only B's microphone).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startKamailio, type Kamailio } from '../../scripts/kamailio.ts';
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

async function operator(browser: Browser, extension: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => console.error(`[page ${extension}] ${e.message}`));
  await page.goto(site.url);
  const account: SipAccountInput = { websocketUris: [kamailio.wsUrl], domain: kamailio.domain, extension, displayName: `Абонент ${extension}` };
  await page.evaluate(([acc, pw]) => window.sip.start(acc, pw), [account, PASSWORD] as const);
  await expect.poll(() => page.evaluate(() => window.sip.registration().status)).toBe('registered');
  return page;
}

const snapshot = (p: Page, id: string) => p.evaluate((i) => window.sip.snapshot(i), id);
const status = async (p: Page, id: string) => (await snapshot(p, id))?.status;
const act = (p: Page, id: string, action: CallAction) => p.evaluate(([i, a]) => window.sip.act(i, a), [id, action] as const);
const packets = (p: Page, id: string) => p.evaluate((i) => window.sip.inboundPackets(i), id);
const energy = (p: Page, id: string) => p.evaluate((i) => window.sip.inboundEnergy(i), id);
const liveCalls = (p: Page) => p.evaluate(() => window.sip.liveCalls());
const incoming = (p: Page) => p.evaluate(() => window.sip.incoming());

/** `from` dials `to`'s extension and `to` answers; both sides' ids once confirmed. */
async function connect(from: Page, to: Page, extension: string): Promise<{ fromId: string; toId: string }> {
  const before = await incoming(to);
  const fromId = await from.evaluate((ext) => window.sip.dial(ext), extension);
  await expect.poll(() => incoming(to)).not.toBe(before);
  const toId = (await incoming(to))!;
  await act(to, toId, 'answer');
  await expect.poll(() => status(from, fromId)).toBe('confirmed');
  await expect.poll(() => status(to, toId)).toBe('confirmed');
  return { fromId, toId };
}

/** The one live call of a page that is not `except`. */
async function otherCall(p: Page, except: string): Promise<string> {
  await expect.poll(async () => (await liveCalls(p)).filter((id) => id !== except).length).toBe(1);
  return (await liveCalls(p)).find((id) => id !== except)!;
}

/** How much sound arrived on a call over a while. */
async function energyOver(p: Page, id: string, ms: number): Promise<number> {
  const start = await energy(p, id);
  await p.waitForTimeout(ms);
  return (await energy(p, id)) - start;
}

async function stopAll(...pages: Page[]): Promise<void> {
  await Promise.all(pages.map((p) => p.evaluate(() => window.sip.stop())));
  await Promise.all(pages.map((p) => p.context().close()));
}

test('blind transfer: B hands A to C; B is free once C rings; A and C talk', async ({ browser }) => {
  const [a, b, c] = [await operator(browser, '6001'), await operator(browser, '6002'), await operator(browser, '6003')];
  const ab = await connect(a, b, '6002');

  const cBefore = await incoming(c);
  await b.evaluate((id) => window.sip.transfer(id, '6003'), ab.toId);
  // A was asked to call C; C rings, and B's leg ends right then, handed over.
  await expect.poll(() => incoming(c)).not.toBe(cBefore);
  const cId = (await incoming(c))!;
  await expect.poll(() => status(b, ab.toId)).toBe('ended');
  expect(await snapshot(b, ab.toId)).toMatchObject({ endedBy: 'local', transfer: { kind: 'blind', target: '6003', state: 'done' } });
  const aNew = await otherCall(a, ab.fromId);
  expect(await snapshot(a, aNew)).toMatchObject({ direction: 'outbound', referred: true, remoteUser: '6003' });
  await expect.poll(() => status(a, ab.fromId)).toBe('ended');

  await act(c, cId, 'answer');
  await expect.poll(() => status(a, aNew)).toBe('confirmed');
  await expect.poll(() => packets(a, aNew), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => packets(c, cId), { timeout: 15_000 }).toBeGreaterThan(0);
  await stopAll(a, b, c);
});

test('blind transfer to an extension not registered: the call stays with B, and B reads why', async ({ browser }) => {
  const [a, b] = [await operator(browser, '6101'), await operator(browser, '6102')];
  const ab = await connect(a, b, '6102');

  await b.evaluate((id) => window.sip.transfer(id, '6199'), ab.toId);
  await expect.poll(async () => (await snapshot(b, ab.toId))?.transfer?.state).toBe('failed');
  // Kamailio answers 480 for an extension that is not registered.
  expect(await snapshot(b, ab.toId)).toMatchObject({ status: 'confirmed', transfer: { kind: 'blind', target: '6199', reason: 'sip.reason.unavailable', statusCode: 480 } });
  expect(await status(a, ab.fromId)).toBe('confirmed');
  // Still talking: B keeps hearing A.
  const before = await packets(b, ab.toId);
  await expect.poll(() => packets(b, ab.toId), { timeout: 10_000 }).toBeGreaterThan(before);
  await stopAll(a, b);
});

test('attended transfer: B consults C on the second line, then hands A over; C takes A without ringing', async ({ browser }) => {
  const [a, b, c] = [await operator(browser, '6201'), await operator(browser, '6202'), await operator(browser, '6203')];
  const ab = await connect(a, b, '6202');
  await act(b, ab.toId, 'hold');
  await expect.poll(async () => (await snapshot(a, ab.fromId))?.remoteHeld).toBe(true);
  const bc = await connect(b, c, '6203');

  await b.evaluate(([customer, consult]) => window.sip.completeTransfer(customer!, consult!), [ab.toId, bc.fromId]);
  // C's new call replaces the consultation: answered by itself, the consultation leg ends.
  await expect.poll(() => incoming(c)).not.toBe(bc.toId);
  const cNew = (await incoming(c))!;
  await expect.poll(() => status(c, cNew)).toBe('confirmed');
  expect(await snapshot(c, cNew)).toMatchObject({ replacesCallId: bc.toId, remoteUser: '6201' });
  await expect.poll(() => status(c, bc.toId)).toBe('ended');
  expect(await snapshot(c, bc.toId)).toMatchObject({ replaced: true });

  // B is out of both calls: the customer's leg handed over, the consultation leg marked as such.
  await expect.poll(() => status(b, ab.toId)).toBe('ended');
  await expect.poll(() => status(b, bc.fromId)).toBe('ended');
  expect(await snapshot(b, ab.toId)).toMatchObject({ transfer: { kind: 'attended', target: '6203', state: 'done' } });
  expect(await snapshot(b, bc.fromId)).toMatchObject({ transferLeg: true });

  // A talks to C now.
  const aNew = await otherCall(a, ab.fromId);
  await expect.poll(() => status(a, aNew)).toBe('confirmed');
  expect(await snapshot(a, aNew)).toMatchObject({ referred: true });
  await expect.poll(() => status(a, ab.fromId)).toBe('ended');
  await expect.poll(() => packets(a, aNew), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => packets(c, cNew), { timeout: 15_000 }).toBeGreaterThan(0);
  expect(await liveCalls(b)).toEqual([]);
  await stopAll(a, b, c);
});

test('three-way conference mixed at B: A hears C through B; B muted, A still hears C; split again', async ({ browser }) => {
  const [a, b, c] = [await operator(browser, '6301'), await operator(browser, '6302'), await operator(browser, '6303')];
  const ab = await connect(a, b, '6302');
  await act(b, ab.toId, 'hold');
  const bc = await connect(b, c, '6303');

  await b.evaluate(([x, y]) => window.sip.conference(x!, y!), [ab.toId, bc.fromId]);
  for (const id of [ab.toId, bc.fromId]) {
    await expect.poll(async () => (await snapshot(b, id))?.conference).toBe(true);
    await expect.poll(async () => (await snapshot(b, id))?.held).toBe(false);
  }
  await expect.poll(async () => (await snapshot(a, ab.fromId))?.remoteHeld).toBe(false);

  // B mutes: only B's microphone goes silent; A keeps getting sound (C's voice mixed in by B).
  await act(b, ab.toId, 'mute');
  await expect.poll(async () => (await snapshot(b, bc.fromId))?.muted).toBe(true);
  await expect.poll(() => energyOver(a, ab.fromId, 2500), { timeout: 20_000 }).toBeGreaterThan(0);
  const withC = await energyOver(a, ab.fromId, 2500);
  // C mutes too: now nothing reaches A (a control for the line above).
  await act(c, bc.toId, 'mute');
  await expect.poll(() => energyOver(a, ab.fromId, 2500), { timeout: 20_000 }).toBeLessThan(withC * 0.05);
  await act(c, bc.toId, 'unmute');

  // Split: two calls again, B still muted on both; A no longer hears C.
  await b.evaluate(() => window.sip.endConference());
  await expect.poll(async () => (await snapshot(b, ab.toId))?.conference).toBe(false);
  expect(await snapshot(b, bc.fromId)).toMatchObject({ conference: false, muted: true });
  await expect.poll(() => energyOver(a, ab.fromId, 2500), { timeout: 20_000 }).toBeLessThan(withC * 0.05);

  // One party leaves a conference: the other call goes on with B.
  await b.evaluate(([x, y]) => window.sip.conference(x!, y!), [ab.toId, bc.fromId]);
  await act(c, bc.toId, 'hangup');
  await expect.poll(() => status(b, bc.fromId)).toBe('ended');
  await expect.poll(async () => (await snapshot(b, ab.toId))?.conference).toBe(false);
  expect(await status(b, ab.toId)).toBe('confirmed');
  await stopAll(a, b, c);
});
