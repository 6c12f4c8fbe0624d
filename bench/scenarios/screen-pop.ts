// Screen pop, INVITE received → the caller's card rendered with their data, in the Pult app page
// (the real renderer through the browser host) of an agent whose replica holds 100 000 customers
// (screen-pop-stack.ts: the project's seed, all customers in the demo personal manager's portfolio,
// the first sync finished and checked in the replica file), registered on a real Kamailio; the
// central server is stopped after the first sync (see screen-pop-stack.ts), the replica answers.
// A caller (Pult's SIP test page) calls 100 times (after a few warm-up calls), each time from the
// number of another customer, the number written in one of the forms a PBX may send; it hangs up
// once the card is there (unanswered: no wrap-up, the agent stays Ready), and the next call waits
// until the app is idle again and the call is in its history.
// Measured in the app page on its own clock (screen-pop-probe.ts): t0 = the INVITE frame arriving
// on the SIP WebSocket, t1 = the card showing the expected customer's name and account (a
// MutationObserver), split by the look-up's and the card query's frames on the host socket.
// Baseline, same run, same page, same numbers: the look-up the pop depends on — customers.search
// {query: the number, limit: 5} as a bare frame to the same host — timed after each call; and
// customers.get of the card alike, for the split.
// Run alone: node bench/scenarios/screen-pop.ts [calls] [customers]
import { loadavg } from 'node:os';
import { bareCard, bareLookup, cpuMsOf, dialFrom, hangUp, numberForm, settle } from '../lib/screen-pop-calls.ts';
import type { PopResult } from '../lib/screen-pop-probe.ts';
import { APP_EXTENSION, startPopStack, type PopStack } from '../lib/screen-pop-stack.ts';
import type { Row } from '../lib/timing.ts';

const WARMUP = 3;
/** How long one call may take to pop its card before it counts as failed. */
const CALL_TIMEOUT_MS = 15_000;
/** More failed calls than this and the run stops: something is broken, not slow. */
const MAX_FAILED = 10;

interface CallSample {
  pop: Required<Pick<PopResult, 'invite' | 'card'>> & PopResult;
  lookupMs: number;
  cardMs: number;
  settleMs: number;
  hostCpuMs: number;
  /** Rows in the Phone page's call history when the call came (each call adds one). */
  historyRows: number;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) => {
  const s = sorted(xs);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))]! : Number.NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const spread = (xs: number[]) => `p50 ${ms(pct(xs, 0.5))}, p95 ${ms(pct(xs, 0.95))}, max ${ms(Math.max(...xs))}`;
const defined = (xs: Array<number | undefined>) => xs.filter((x): x is number => x !== undefined && Number.isFinite(x));

async function oneCall(stack: PopStack, i: number): Promise<CallSample | { failed: string }> {
  const customer = stack.seeded.callers[i]!;
  const number = customer.phones[i % customer.phones.length]!;
  const from = numberForm(number, i);
  const { app, caller } = stack;
  const historyRows = await app.locator('[data-testid="call-history-row"]').count();
  await app.evaluate((e) => window.__pop.arm(e), { name: customer.fullName, account: customer.accountNumber });
  const since = new Date().toISOString();
  const cpu0 = cpuMsOf(stack.hostPid);
  const id = await dialFrom(caller, stack.kamailio, from, APP_EXTENSION);
  const pop = await app.evaluate((t) => window.__pop.result(t), CALL_TIMEOUT_MS);
  const cpu1 = cpuMsOf(stack.hostPid);
  await hangUp(caller, id);
  const settleMs = await settle(app, number, customer.id, since);
  if (!pop.complete || pop.invite === undefined || pop.card === undefined) {
    const seen = Object.entries(pop).filter(([k, v]) => typeof v === 'number' && k !== 'complete').map(([k]) => k).join(', ');
    return { failed: `call ${i} from ${from}: no card of ${customer.fullName} within ${CALL_TIMEOUT_MS} ms (seen: ${seen || 'nothing'})` };
  }
  if (pop.searchQuery !== number) return { failed: `call ${i} from ${from}: the app looked up "${pop.searchQuery}", not ${number}` };
  return {
    pop: pop as CallSample['pop'],
    lookupMs: await bareLookup(app, number, customer.id),
    cardMs: await bareCard(app, customer.id),
    settleMs,
    hostCpuMs: cpu1 - cpu0,
    historyRows,
  };
}

export async function screenPop(calls = 100, customers = 100_000): Promise<Row[]> {
  const load = [loadavg()];
  const stack = await startPopStack({ customers, callers: WARMUP + calls });
  load.push(loadavg()); // as the calls begin: the setup (seed, first sync) loads the machine by itself
  const samples: CallSample[] = [];
  const failures: string[] = [];
  try {
    for (let i = 0; i < WARMUP + calls; i++) {
      const r = await oneCall(stack, i);
      if ('failed' in r) {
        failures.push(r.failed);
        if (failures.length > MAX_FAILED) throw new Error(`more than ${MAX_FAILED} calls failed:\n${failures.join('\n')}\n${stack.logs()}`);
      } else if (i >= WARMUP) samples.push(r);
    }
  } finally {
    await stack.close();
  }
  load.push(loadavg());
  if (samples.length === 0) throw new Error(`no call popped its card:\n${failures.join('\n')}`);

  const from = (f: (s: CallSample) => number | undefined) => defined(samples.map(f));
  const sinceInvite = (k: keyof PopResult) => from((s) => (typeof s.pop[k] === 'number' ? (s.pop[k] as number) - s.pop.invite : undefined));
  const pop = sinceInvite('card');
  const lookup = from((s) => s.lookupMs);
  const inCallLookup = from((s) => (s.pop.searchAnswered !== undefined && s.pop.searchSent !== undefined ? s.pop.searchAnswered - s.pop.searchSent : undefined));
  const inCallCard = from((s) => (s.pop.getAnswered !== undefined && s.pop.getSent !== undefined ? s.pop.getAnswered - s.pop.getSent : undefined));
  const bareCardMs = from((s) => s.cardMs);
  const medianSince = (k: keyof PopResult) => ms(pct(sinceInvite(k), 0.5));
  const p95Since = (k: keyof PopResult) => ms(pct(sinceInvite(k), 0.95));
  const n = (x: number) => x.toLocaleString('en-US');
  const loadText = load.map((l) => l.map((x) => x.toFixed(2)).join(' ')).join(' → ');
  const failedText = failures.length ? `; ${failures.length} calls failed: ${failures.join(' | ')}` : '';
  const stages = ['ringing', 'searchSent', 'searchAnswered', 'found', 'getSent', 'getAnswered', 'card', 'frame'] as const;
  const stageNames: Record<(typeof stages)[number], string> = {
    ringing: 'ringing panel',
    searchSent: 'look-up sent',
    searchAnswered: 'look-up answered',
    found: 'pop "found"',
    getSent: 'card query sent',
    getAnswered: 'card query answered',
    card: 'card rendered',
    frame: 'next frame',
  };
  const split = (at: (k: (typeof stages)[number]) => string) => stages.map((k) => `${stageNames[k]} ${at(k)}`).join(', ');
  // Every call the app made to the host between the INVITE and the card: what the look-up queues behind.
  const byMethod = new Map<string, { sentAt: number[]; inFlight: number[] }>();
  for (const s of samples) {
    for (const f of s.pop.frames.filter((x) => x.sent <= s.pop.card)) {
      const m = byMethod.get(f.method) ?? { sentAt: [], inFlight: [] };
      m.sentAt.push(f.sent - s.pop.invite);
      if (f.answered !== undefined) m.inFlight.push(f.answered - f.sent);
      byMethod.set(f.method, m);
    }
  }
  const popOf = (s: CallSample) => s.pop.card - s.pop.invite;
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const firstQ = samples.slice(0, quarter);
  const lastQ = samples.slice(-quarter);
  const framesText = [...byMethod.entries()]
    .sort((a, b) => pct(a[1].sentAt, 0.5) - pct(b[1].sentAt, 0.5))
    .map(([method, m]) => `${method} ×${(m.sentAt.length / samples.length).toFixed(1)} (sent at ${ms(pct(m.sentAt, 0.5))}, answered after ${ms(pct(m.inFlight, 0.5))})`)
    .join('; ');

  return [
    {
      scenario: `Screen pop, INVITE received → card rendered with the customer's name and account (Pult app page via the browser host, ${n(stack.replicaCustomers)} customers in the replica, Kamailio), over ${samples.length} calls from ${samples.length} customers`,
      measured: `${spread(pop)}${failedText}`,
      baseline: `the bare look-up, customers.search {number, limit 5} to the same host from the same page: ${spread(lookup)}`,
      ratio: pct(pop, 0.95) / pct(lookup, 0.95),
      of: 'p95 (target: measured ≤ 150 ms)',
    },
    {
      scenario: '  the same at p50',
      measured: ms(pct(pop, 0.5)),
      baseline: ms(pct(lookup, 0.5)),
      ratio: pct(pop, 0.5) / pct(lookup, 0.5),
      of: 'p50',
    },
    {
      scenario: '  split, ms since the INVITE arrived (medians, then p95)',
      measured: `medians: ${split(medianSince)}; p95: ${split(p95Since)}`,
      baseline: `bare customers.get of the card: ${spread(bareCardMs)}`,
      ratio: pct(sinceInvite('card'), 0.5) / pct(sinceInvite('searchAnswered'), 0.5),
      of: 'median INVITE → card / INVITE → look-up answered',
    },
    {
      scenario: "  the app's own look-up and card query during the call (frame sent → result), against the bare ones between calls",
      measured: `customers.search ${spread(inCallLookup)}; customers.get ${spread(inCallCard)}`,
      baseline: `customers.search ${spread(lookup)}; customers.get ${spread(bareCardMs)}`,
      ratio: pct(inCallLookup, 0.5) / pct(lookup, 0.5),
      of: 'p50 customers.search in the call / bare',
    },
    {
      scenario: "  the app's calls to the browser host between the INVITE and the card, per call (medians, ms since the INVITE)",
      measured: framesText,
      baseline: `bare customers.search ${ms(pct(lookup, 0.5))}`,
      ratio: [...byMethod.values()].reduce((k, m) => k + m.sentAt.length, 0) / samples.length,
      of: 'host calls per screen pop',
    },
    {
      scenario: '  the last quarter of the calls against the first: the call history on the Phone page grows by one missed call per call',
      measured: `p50 ${ms(pct(lastQ.map(popOf), 0.5))} with ${pct(lastQ.map((s) => s.historyRows), 0.5)} rows in the history`,
      baseline: `p50 ${ms(pct(firstQ.map(popOf), 0.5))} with ${pct(firstQ.map((s) => s.historyRows), 0.5)} rows`,
      ratio: pct(lastQ.map(popOf), 0.5) / pct(firstQ.map(popOf), 0.5),
      of: 'p50 INVITE → card, last quarter / first quarter',
    },
    {
      scenario: '  context: machine load, first sync, the browser host\'s CPU from dialling to the card, hang-up → idle again',
      measured: `load average (1, 5, 15 min) at the start → as the calls began → at the end: ${loadText}; first sync ${ms(stack.firstSyncMs)} (${n(stack.replicaCustomers)} customers, ${n(stack.replicaPayments)} payments); host CPU per call ${spread(from((s) => s.hostCpuMs))} (10 ms ticks)`,
      baseline: `hang-up → no ringing panel, Ready, the call in the history: ${spread(from((s) => s.settleMs))}`,
      ratio: pct(from((s) => s.hostCpuMs), 0.5) / Math.max(1, pct(pop, 0.5)),
      of: 'host CPU per call / pop time (medians)',
    },
  ];
}

if (import.meta.main) {
  for (const r of await screenPop(Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 100_000))) {
    console.log(`${r.scenario}\n  measured: ${r.measured}\n  baseline: ${r.baseline}\n  ratio:    ${r.ratio.toFixed(2)}× (${r.of})`);
  }
}
