// One screen-pop call, step by step: the caller's number written the ways a PBX may send it; the
// caller (Pult's SIP test page) restarted as that number and dialling the app's extension; the
// hang-up before anyone answers (CANCEL: an unanswered call starts no wrap-up); then waiting until
// the app is idle and Ready again and the call is in its history, so every call starts from the
// same state. Every wait is bounded.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Kamailio } from '../../scripts/kamailio.ts';
import { callerNumber } from '../../renderer/src/features/phone/caller-number.ts';
import type { SipDriver } from '../../tests/e2e/sip/driver.ts';
import type { BareAnswer } from './screen-pop-probe.ts';

const WAIT_MS = 20_000;
const SETTLE_MS = 20_000;

/** The same E.164 number (+7 and ten digits) as a PBX may put it in the From user part. */
const FORMS: ReadonlyArray<(e164: string) => string> = [
  (n) => n, // +79161234567
  (n) => `8${n.slice(2)}`, // 89161234567
  (n) => n.slice(1), // 79161234567
  (n) => `+7-${n.slice(2, 5)}-${n.slice(5, 8)}-${n.slice(8, 10)}-${n.slice(10)}`, // +7-916-123-45-67
  (n) => n.slice(2), // 9161234567
];

/** The i-th form of the number; throws if the app would not read it back as the same number. */
export function numberForm(e164: string, i: number): string {
  const form = FORMS[i % FORMS.length]!(e164);
  if (callerNumber(form) !== e164) throw new Error(`the caller number ${form} does not read back as ${e164}`);
  return form;
}

/** Restarts the caller's softphone as `from`, waits for its registration, dials `to`; returns the call's id. */
export async function dialFrom(caller: Page, kamailio: Kamailio, from: string, to: string): Promise<string> {
  await caller.evaluate(
    ({ account }) => {
      const s = (window as unknown as { sip: SipDriver }).sip;
      try {
        s.stop();
      } catch {
        // not started yet
      }
      s.start(account);
    },
    { account: { websocketUris: [kamailio.wsUrl], domain: kamailio.domain, extension: from } },
  );
  await (await caller.waitForFunction(() => (window as unknown as { sip: SipDriver }).sip.registration().status === 'registered', undefined, { timeout: WAIT_MS, polling: 20 })).dispose();
  return caller.evaluate((target) => (window as unknown as { sip: SipDriver }).sip.dial(target), to);
}

/** The caller gives up (CANCEL while it rings, or BYE); resolves once it holds no call. */
export async function hangUp(caller: Page, id: string): Promise<void> {
  await caller.evaluate((callId) => {
    const s = (window as unknown as { sip: SipDriver }).sip;
    if (s.liveCalls().includes(callId)) s.act(callId, 'hangup');
  }, id);
  await (await caller.waitForFunction(() => (window as unknown as { sip: SipDriver }).sip.liveCalls().length === 0, undefined, { timeout: WAIT_MS, polling: 20 })).dispose();
}

interface HistoryValue {
  items: Array<{ call: { number: string; customerId: string | null; startedAt: string } }>;
}

/**
 * After the hang-up: the ringing panel gone, the agent still Ready (a missed call must not put
 * them in wrap-up), and the call in the history (the replica's, with the outbox) with its customer.
 * Returns how long that took; throws when the agent is not Ready.
 */
export async function settle(app: Page, number: string, customerId: string, since: string): Promise<number> {
  const t = performance.now();
  await (await app.waitForFunction(() => !document.querySelector('[data-testid="incoming-call"]'), undefined, { timeout: WAIT_MS, polling: 50 })).dispose();
  const state = await app.getByTestId('agent-state').getAttribute('data-state');
  if (state !== 'ready') throw new Error(`after an unanswered call the agent is "${state}", not ready: the next call would get 486`);
  const until = Date.now() + SETTLE_MS;
  for (;;) {
    const r = await app.evaluate(() => window.__pop.invoke('calls.history', { filter: 'all', limit: 5 }));
    const items = r.ok ? (r.value as HistoryValue).items : [];
    const logged = items.find((x) => x.call.number === number && x.call.startedAt >= since);
    if (logged) {
      if (logged.call.customerId !== customerId) throw new Error(`the call from ${number} was logged with customer ${logged.call.customerId}, not ${customerId}`);
      return performance.now() - t;
    }
    if (Date.now() > until) throw new Error(`the call from ${number} was not in the call history within ${SETTLE_MS} ms`);
    await app.waitForTimeout(100);
  }
}

/** The bare look-up, timed in the app page; checks it found the customer in the replica. */
export async function bareLookup(app: Page, number: string, customerId: string): Promise<number> {
  const r: BareAnswer = await app.evaluate((q) => window.__pop.invoke('customers.search', { query: q, limit: 5 }), number);
  const hit = r.ok ? (r.value as { results: Array<{ id: string; source: string }> }).results[0] : undefined;
  if (hit?.id !== customerId || hit.source !== 'replica') throw new Error(`customers.search ${number} did not find ${customerId} in the replica: ${JSON.stringify(r.value).slice(0, 300)}`);
  return r.ms;
}

/** The bare card query, timed in the app page. */
export async function bareCard(app: Page, customerId: string): Promise<number> {
  const r: BareAnswer = await app.evaluate((id) => window.__pop.invoke('customers.get', { id }), customerId);
  if (!r.ok) throw new Error(`customers.get ${customerId} failed: ${JSON.stringify(r.value).slice(0, 300)}`);
  return r.ms;
}

/** CPU time (user + system, ms) a process has used so far, from /proc (clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
