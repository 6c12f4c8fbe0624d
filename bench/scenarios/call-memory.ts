// Renderer memory after many calls: two pages with renderer/src/sip's Softphone (the e2e test page)
// call each other through a real Kamailio, taking turns as caller, 200 calls in all: answered by
// the callee, 1 s of audio, hung up by the caller. After the first 10 calls and after all of them
// each page's V8 heap is read after forced garbage collection (CDP HeapProfiler.collectGarbage,
// Runtime.getHeapUsage), twice: at once ("busy") and after the pages sat idle past JsSIP's longest
// transaction timer ("settled"). JsSIP keeps a finished INVITE transaction — and through it the
// call's session and peer connection — for Timer L/M, 64 × T1 = 32 s, so right after a run of calls
// the last 32 s of calls are still held; that is bounded, not a leak. The settled readings are the
// figure: after 200 calls against after 10 (the target: ≤ 10% growth). The probe
// (sip-bench-probe.ts) counts the peer connections, media tracks and <audio> elements still alive,
// and of those the connections not closed and the tracks still live: a session or a microphone
// left behind shows there. Each reading also says how much of the heap is compiled code (a heap
// snapshot): the JIT's warm-up grows it over the first hundred calls or so without any leak.
// Run alone: node bench/scenarios/call-memory.ts [calls] [bare] (bare: the same with the bare JsSIP page)
import { setTimeout as sleep } from 'node:timers/promises';
import { hangUp, placeCall, readMemory, startSipBench, type Operator, type PageKind, type Reading } from '../lib/sip-bench.ts';
import type { Row } from '../lib/timing.ts';

const FIRST = 10;
const HOLD_MS = 1000;
const PAUSE_MS = 100;
/** JsSIP's Timer L and M (64 × T1, T1 = 500 ms), and a little more. */
const SETTLE_MS = 64 * 500 + 3000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const counts = (r: Reading) => {
  const a = r.alive;
  return `of it compiled code ${mb(r.codeBytes)}; peer connections ${a.pcsAlive} alive (${a.pcsOpen} open) of ${a.pcsCreated} made, tracks ${a.tracksAlive} alive (${a.tracksLive} live) of ${a.tracksCreated}, `
    + `<audio> ${a.mediaElementsAlive} alive, DOM nodes ${r.nodes}, JS listeners ${r.listeners}`;
};

interface Readings { busy: Reading; settled: Reading }

async function read(pages: readonly Operator[]): Promise<Readings[]> {
  const busy: Reading[] = [];
  for (const p of pages) busy.push(await readMemory(p));
  await sleep(SETTLE_MS);
  const settled: Reading[] = [];
  for (const p of pages) settled.push(await readMemory(p));
  return pages.map((_, k) => ({ busy: busy[k]!, settled: settled[k]! }));
}

export async function callMemory(calls = 200, kind: PageKind = 'pult'): Promise<Row[]> {
  const bench = await startSipBench();
  try {
    const a = await bench.operator(kind, '5001', { autoAnswer: true });
    const b = await bench.operator(kind, '5002', { autoAnswer: true });
    const started = performance.now();
    let first: Readings[] = [];
    for (let i = 0; i < calls; i++) {
      const [caller, callee] = i % 2 === 0 ? [a, b] : [b, a];
      const r = await placeCall(caller, callee);
      await sleep(HOLD_MS);
      await hangUp(caller, callee, r.callerId);
      await sleep(PAUSE_MS);
      if (i + 1 === FIRST) first = await read([a, b]);
    }
    const last = await read([a, b]);
    const minutes = (performance.now() - started) / 60_000;
    const who = kind === 'pult' ? 'Pult softphone' : 'bare JsSIP';
    return ['A', 'B'].map((name, k) => {
      const f = first[k]!;
      const l = last[k]!;
      const perCall = (l.settled.heapUsed - f.settled.heapUsed) / (calls - FIRST);
      const data = (r: Reading) => r.heapUsed - r.codeBytes;
      const dataGrowth = `heap without compiled code ${mb(data(l.settled))} against ${mb(data(f.settled))} after ${FIRST} calls: ${(data(l.settled) / data(f.settled)).toFixed(2)}×`;
      return {
        scenario: `renderer heap after ${calls} calls, ${who} page ${name} (half placed, half answered; ${minutes.toFixed(1)} min)`,
        measured: `settled ${mb(l.settled.heapUsed)} (${perCall >= 0 ? '+' : ''}${(perCall / 1024).toFixed(2)} KB a call since call ${FIRST}): ${counts(l.settled)}`
          + `\n              ${dataGrowth}`
          + `\n              busy ${mb(l.busy.heapUsed)}: ${counts(l.busy)}`,
        baseline: `settled ${mb(f.settled.heapUsed)} after ${FIRST} calls: ${counts(f.settled)}`
          + `\n              busy ${mb(f.busy.heapUsed)}: ${counts(f.busy)}`,
        ratio: l.settled.heapUsed / f.settled.heapUsed,
        of: `V8 heap in use after forced GC, settled, after ${calls} calls / after ${FIRST}`,
      };
    });
  } finally {
    await bench.close();
  }
}

if (import.meta.main) {
  for (const r of await callMemory(Number(process.argv[2] ?? 200), process.argv[3] === 'bare' ? 'bare' : 'pult')) console.log(`${r.scenario}\n  measured: ${r.measured}\n  baseline: ${r.baseline}\n  ratio:    ${r.ratio.toFixed(2)}× (${r.of})`);
}
