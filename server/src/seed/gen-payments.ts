// Payments of the last months per customer: mostly the monthly fee rounded up, sometimes several
// months ahead; every method of the schema; a few mistaken payments (wrong account number) and the
// refunds that followed them.
import type { Customer, Payment } from '../../../contract/index.ts';
import { monthlyFeeOf } from './gen-customers.ts';
import { createRng, isoBefore, STREAMS, TIME } from './gen-random.ts';

const METHODS: ReadonlyArray<readonly [Payment['method'], number]> = [
  ['bank_card', 30], ['sbp', 25], ['online_banking', 20], ['cash_terminal', 10], ['bank_transfer', 5], ['promised_payment', 5],
];

export function generatePayments(opts: { seed: number; now: Date }, customers: readonly Customer[]): Payment[] {
  const rng = createRng(opts.seed, STREAMS.payments);
  const now = opts.now.getTime();
  const out: Payment[] = [];
  for (const c of customers) {
    const fee = Math.max(10_000, monthlyFeeOf(c));
    const ageMs = now - Date.parse(c.createdAt);
    const months = Math.min(6, Math.max(1, Math.floor(ageMs / (30 * TIME.day))));
    const count = rng.int(1, Math.min(5, months + 1));
    for (let k = 0; k < count; k++) {
      const msAgo = Math.min(ageMs - TIME.hour, k * 30 * TIME.day + rng.int(TIME.hour, 12 * TIME.day));
      const method = rng.weighted(METHODS);
      let amount: number;
      if (method === 'promised_payment') amount = fee;
      else if (rng.chance(0.1)) amount = fee * rng.pick([3, 6, 12]);
      else if (rng.chance(0.25)) amount = rng.pick([50_000, 100_000, 150_000, 200_000]);
      else amount = Math.ceil(fee / 5_000) * 5_000;
      const r = rng.int(1, 1000);
      const status: Payment['status'] = method === 'promised_payment' ? 'completed' : r <= 25 ? 'mistaken' : r <= 35 ? 'refunded' : 'completed';
      out.push({
        id: rng.uuid(),
        customerId: c.id,
        amount,
        method,
        paidAt: isoBefore(opts.now, msAgo),
        status,
      });
    }
  }
  return out;
}
