// Call setup, dial → confirmed, on the caller's side, between two pages through a real Kamailio:
// - baseline: the bare JsSIP page (bench/lib/bare-jssip-page) calling another one — JsSIP's default
//   call options (audio only), the microphone opened for each call, ICE gathered to the end;
// - Pult: renderer/src/sip's Softphone (the e2e test page) calling another one — ICE bounded at the
//   first usable candidate, the microphone still opened for each call;
// - Pult with a warm microphone: the same, with getUserMedia answered from a stream opened once
//   (as if the softphone held it while the operator is Ready; simulated in the page, see
//   sip-bench-probe.ts).
// The callee answers by itself. The three pairs take turns call by call (the order rotating every
// round), so the machine's other load falls on all three alike. The split of each call comes from
// the SIP frames on the WebSocket: before the INVITE leaves (microphone, offer, ICE), the far end
// (Kamailio both ways and the callee's answer: its microphone, answer, ICE), after the 200 OK.
// Run alone: node bench/scenarios/call-setup.ts [calls per pair]
import { setTimeout as sleep } from 'node:timers/promises';
import { hangUp, placeCall, startSipBench, type CallResult, type Operator, type PageKind } from '../lib/sip-bench.ts';
import type { Row } from '../lib/timing.ts';

const WARMUP = 2;
/** How long each call stays up, and the pause between calls. */
const HOLD_MS = 200;
const PAUSE_MS = 200;

interface Pair {
  label: string;
  caller: Operator;
  callee: Operator;
  results: CallResult[];
}

/** The pages' clocks (Date.now(), as the softphone stamps confirmedAt) count whole milliseconds. */
const fmtMs = (ms: number) => `${Math.round(ms)} ms`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => (xs.length ? pct(sorted(xs), 0.5) : Number.NaN);

function summary(p: Pair) {
  const setup = sorted(p.results.map((r) => r.setupMs));
  const part = (f: (r: CallResult) => number | undefined) => median(p.results.map(f).filter((x): x is number => x !== undefined && Number.isFinite(x)));
  return {
    p50: pct(setup, 0.5),
    p95: pct(setup, 0.95),
    text: `p50 ${fmtMs(pct(setup, 0.5))}, p95 ${fmtMs(pct(setup, 0.95))}, min ${fmtMs(setup[0]!)}, max ${fmtMs(setup.at(-1)!)} over ${setup.length} calls`
      + ` — medians: before INVITE ${fmtMs(part((r) => r.caller.inviteOut! - r.caller.dialAt))}`
      + `, far end ${fmtMs(part((r) => r.caller.okIn! - r.caller.inviteOut!))} (callee answering ${fmtMs(part((r) => r.callee.okOut! - r.callee.inviteIn!))})`
      + `, after 200 OK ${fmtMs(part((r) => r.caller.confirmedAt - r.caller.okIn!))}`,
  };
}

export async function callSetup(calls = 40): Promise<Row[]> {
  const bench = await startSipBench();
  try {
    const pair = async (label: string, kind: PageKind, base: number, warmMic = false): Promise<Pair> => ({
      label,
      caller: await bench.operator(kind, String(base + 1), { warmMic }),
      callee: await bench.operator(kind, String(base + 2), { autoAnswer: true, warmMic }),
      results: [],
    });
    const pairs = [await pair('bare JsSIP', 'bare', 1000), await pair('Pult', 'pult', 2000), await pair('Pult, warm microphone', 'pult', 3000, true)];
    for (let round = 0; round < WARMUP + calls; round++) {
      for (let k = 0; k < pairs.length; k++) {
        const p = pairs[(round + k) % pairs.length]!;
        const r = await placeCall(p.caller, p.callee);
        await sleep(HOLD_MS);
        await hangUp(p.caller, p.callee, r.callerId);
        if (round >= WARMUP) p.results.push(r);
        await sleep(PAUSE_MS);
      }
    }
    const [bare, pult, warm] = pairs.map(summary) as [ReturnType<typeof summary>, ReturnType<typeof summary>, ReturnType<typeof summary>];
    const rows = (label: string, s: typeof pult): Row[] => [
      { scenario: `call setup p50, dial → confirmed, ${label} (page to page through Kamailio)`, measured: s.text, baseline: `bare JsSIP: ${bare.text}`, ratio: s.p50 / bare.p50, of: 'p50 dial → confirmed' },
      { scenario: `call setup p95, ${label}`, measured: fmtMs(s.p95), baseline: fmtMs(bare.p95), ratio: s.p95 / bare.p95, of: 'p95 dial → confirmed' },
    ];
    return [...rows('Pult softphone', pult), ...rows('Pult, microphone kept warm (simulated)', warm)];
  } finally {
    await bench.close();
  }
}

if (import.meta.main) {
  for (const r of await callSetup(Number(process.argv[2] ?? 40))) console.log(`${r.scenario}\n  measured: ${r.measured}\n  baseline: ${r.baseline}\n  ratio:    ${r.ratio.toFixed(2)}× (${r.of})`);
}
