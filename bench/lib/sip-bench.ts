// The stage of the call benchmarks: a throwaway Kamailio, Pult's SIP test page (renderer/src/sip's
// Softphone behind window.sip) and the bare JsSIP page, each built and served on 127.0.0.1, and one
// Debian Chromium with fake media devices. Every operator is a page in its own browser context with
// the probe of sip-bench-probe.ts installed. close() stops all of it.
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import type { SipAccountInput } from '../../contract/sip.ts';
import { startKamailio, type Kamailio } from '../../scripts/kamailio.ts';
import { chromiumLaunchOptions } from '../../tests/e2e/fixtures/chromium.ts';
import { serveSipTestPage, type TestPage } from '../../tests/e2e/sip/test-page.ts';
import { compiledCodeBytes } from './heap-snapshot.ts';
import type { BenchDriver, BenchSnapshot } from './sip-bench-driver.ts';
import { installProbe, type Alive, type FrameTimes, type ProbeOptions } from './sip-bench-probe.ts';

export type PageKind = 'bare' | 'pult';

const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];
/** Bounds of every wait: registration, a call confirmed, a call ended. */
const WAIT_MS = 20_000;

export interface Operator {
  kind: PageKind;
  extension: string;
  page: Page;
  cdp: CDPSession;
}

export interface SipBench {
  kamailio: Kamailio;
  operator(kind: PageKind, extension: string, probe?: Partial<ProbeOptions>): Promise<Operator>;
  close(): Promise<void>;
}

export async function startSipBench(): Promise<SipBench> {
  const started = await Promise.allSettled([
    startKamailio(),
    serveSipTestPage(),
    serveSipTestPage(join(import.meta.dirname, 'bare-jssip-page')),
    chromium.launch(chromiumLaunchOptions(FAKE_MEDIA)),
  ] as const);
  const close = async () => {
    const [k, p, b, br] = started;
    if (br.status === 'fulfilled') await br.value.close();
    for (const s of [p, b]) if (s.status === 'fulfilled') await s.value.close();
    if (k.status === 'fulfilled') await k.value.stop();
  };
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  const [kamailio, pult, bare, browser] = started.map((s) => (s as PromiseFulfilledResult<unknown>).value) as [Kamailio, TestPage, TestPage, Browser];

  return {
    kamailio,
    close,
    async operator(kind, extension, probe = {}) {
      const context = await browser.newContext();
      await context.addInitScript(installProbe, { autoAnswer: false, warmMic: false, ...probe });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[${kind} ${extension}] ${e.message}`));
      await page.goto(kind === 'pult' ? pult.url : bare.url);
      const account: SipAccountInput = { websocketUris: [kamailio.wsUrl], domain: kamailio.domain, extension };
      await page.evaluate((acc) => (window as unknown as { sip: BenchDriver }).sip.start(acc), account);
      await (await page.waitForFunction(() => (window as unknown as { sip: BenchDriver }).sip.registration().status === 'registered', undefined, { timeout: WAIT_MS, polling: 50 })).dispose();
      await page.evaluate(() => window.__bench.warm());
      return { kind, extension, page, cdp: await context.newCDPSession(page) };
    },
  };
}

export interface CallResult {
  callerId: string;
  /** Dial → confirmed on the caller's side (Date.now() in the page both times). */
  setupMs: number;
  caller: FrameTimes & { dialAt: number; confirmedAt: number };
  callee: FrameTimes;
}

/** `a` dials `b` (which answers by itself); resolves once `a` has the call confirmed. */
export async function placeCall(a: Operator, b: Operator): Promise<CallResult> {
  await Promise.all([a.page.evaluate(() => window.__bench.reset()), b.page.evaluate(() => window.__bench.reset())]);
  const { id, dialAt } = await a.page.evaluate((ext) => {
    const at = Date.now();
    return { id: (window as unknown as { sip: BenchDriver }).sip.dial(ext), dialAt: at };
  }, b.extension);
  const snap = await a.page.waitForFunction((i) => {
    const s = (window as unknown as { sip: BenchDriver }).sip.snapshot(i);
    return s && (s.status === 'confirmed' || s.status === 'ended') ? s : null;
  }, id, { timeout: WAIT_MS, polling: 20 });
  const s = (await snap.jsonValue()) as BenchSnapshot;
  await snap.dispose();
  if (s.status !== 'confirmed' || s.confirmedAt === undefined) throw new Error(`${a.kind} ${a.extension} → ${b.extension}: call ended before it was confirmed`);
  const [callerTimes, calleeTimes] = await Promise.all([a.page.evaluate(() => window.__bench.times()), b.page.evaluate(() => window.__bench.times())]);
  return { callerId: id, setupMs: s.confirmedAt - dialAt, caller: { ...callerTimes, dialAt, confirmedAt: s.confirmedAt }, callee: calleeTimes };
}

/** `a` hangs up its call; resolves once neither side holds a call any more. */
export async function hangUp(a: Operator, b: Operator, callId: string): Promise<void> {
  await a.page.evaluate((i) => (window as unknown as { sip: BenchDriver }).sip.act(i, 'hangup'), callId);
  for (const o of [a, b]) {
    const done = await o.page.waitForFunction(() => (window as unknown as { sip: BenchDriver }).sip.liveCalls().length === 0, undefined, { timeout: WAIT_MS, polling: 20 });
    await done.dispose();
  }
}

export interface Reading {
  /** V8 heap in use after a forced collection (CDP Runtime.getHeapUsage). */
  heapUsed: number;
  /** Of it, compiled code (heap snapshot, see heap-snapshot.ts). */
  codeBytes: number;
  /** DOM nodes (attached or not) and JS event listeners (CDP Performance.getMetrics). */
  nodes: number;
  listeners: number;
  alive: Alive;
}

/** Forces garbage collection (twice, so that what the first one freed is gone) and reads the heap. */
export async function readMemory(o: Operator): Promise<Reading> {
  await o.cdp.send('Performance.enable');
  for (let i = 0; i < 2; i++) {
    await o.cdp.send('HeapProfiler.collectGarbage');
    await o.page.waitForTimeout(100);
  }
  const { usedSize } = await o.cdp.send('Runtime.getHeapUsage');
  const { metrics } = await o.cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  const codeBytes = await compiledCodeBytes(o.cdp);
  return { heapUsed: usedSize, codeBytes, nodes: metric('Nodes'), listeners: metric('JSEventListeners'), alive: await o.page.evaluate(() => window.__bench.alive()) };
}
