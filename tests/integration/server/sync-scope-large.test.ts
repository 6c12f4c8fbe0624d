// A personal manager with 5 000 customers (the project's seed generator, every customer put in the
// demo manager's portfolio): a logged call writes its own feed row and nothing else, and it no
// longer re-derives the manager's whole scope — a drift elsewhere in the portfolio is left to the
// periodic refresh, which finds exactly that drift and nothing more. Counted by feed versions
// (every row a transaction writes gets a new one), not timed.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationName } from '../../../contract/index.ts';
import { generateSeedData } from '../../../server/src/seed/generate.ts';
import { PAYMENT_HISTORY_DAYS, refreshScope } from '../../../server/src/sync/scope.ts';
import { PASSWORD } from './fixtures.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';

// Big enough that a whole-scope refresh per call would show in the rows written; the count is what is
// asserted, so a bigger portfolio would only make the test slower.
const CUSTOMERS = 5_000;
const DAY = 24 * 60 * 60 * 1000;

let h: SyncHarness;
let manager: string;
let operator: string;
let customers: string[];
let wrapUpCode: string;
beforeAll(async () => {
  const now = new Date();
  const data = generateSeedData({ seed: 11, customers: CUSTOMERS, now });
  manager = data.agents.find((a) => a.login === 'manager')!.id;
  operator = data.agents.find((a) => a.login === 'operator')!.id;
  data.agents = data.agents.map((a) => ({ ...a, password: PASSWORD }));
  data.customers = data.customers.map((c) => ({ ...c, personalManagerId: manager }));
  customers = data.customers.map((c) => c.id);
  wrapUpCode = data.wrapUpCodes.find((c) => c.active)!.id;
  h = await startSyncHarness({ data, now });
}, 300_000);
afterAll(async () => {
  await h?.close();
});

const lastVersion = async () => (await sql<{ v: string | null }>`select max(version)::text as v from sync_feed`.execute(h.database.db)).rows[0]!.v ?? '0';

async function pushed(login: string, ...mutations: Array<[MutationName, unknown]>): Promise<string[]> {
  const before = await lastVersion();
  const r = await h.push(await h.token(login), { clientId: randomUUID(), mutations: mutations.map(([name, args], i) => ({ seq: i + 1, name, args }) as never) });
  expect(r.results.map((x) => x.status), JSON.stringify(r.results)).toEqual(mutations.map(() => 'applied'));
  const rows = await sql<{ key: string }>`select entity || ':' || entity_id || '@' || coalesce(audience::text, 'everyone') as key
    from sync_feed where version > ${before}::bigint order by 1`.execute(h.database.db);
  return rows.rows.map((x) => x.key);
}

function call(customerId: string) {
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  return { callId: randomUUID(), direction: 'in', number: '+79160000000', customerId, startedAt: at(5), answeredAt: at(4), endedAt: at(1), result: 'answered', ivrChoice: null };
}

describe(`a personal manager with ${CUSTOMERS.toLocaleString('en-US')} customers`, () => {
  it('holds the whole portfolio in the feed', async () => {
    const n = await sql<{ n: number }>`select count(*)::int as n from sync_feed where audience = ${manager} and entity = 'customer' and op = 'upsert'`.execute(h.database.db);
    expect(n.rows[0]!.n).toBe(CUSTOMERS);
  });

  it('call.log writes the call\'s feed row only', async () => {
    for (const i of [0, Math.floor(CUSTOMERS / 2) + 7, CUSTOMERS - 1]) {
      const c = call(customers[i]!);
      expect(await pushed('manager', ['call.log', c])).toEqual([`call:${c.callId}@${manager}`]);
    }
  });

  it('call.wrapUp with a callback writes the call and the new task', async () => {
    const c = call(customers[123]!);
    const taskId = randomUUID();
    const written = await pushed('manager', ['call.log', c], ['call.wrapUp', {
      callId: c.callId, conversationId: randomUUID(), codeId: wrapUpCode, result: 'callback_needed', note: '',
      followUp: { taskId, dueAt: new Date(Date.now() + DAY).toISOString(), note: '' },
    }]);
    expect(written).toEqual([`call:${c.callId}@${manager}`, `task:${taskId}@${manager}`].sort());
  });

  it('an operator\'s call.log writes the call\'s feed row only', async () => {
    const c = call(customers[4_242]!);
    expect(await pushed('operator', ['call.log', c])).toEqual([`call:${c.callId}@${operator}`]);
  });

  it('a call leaves the rest of the portfolio alone: a drift behind the feed\'s back stays for the full refresh, which finds just that', async () => {
    const [renamed, given] = [customers[10]!, customers[11]!];
    await h.database.db.updateTable('customers').set({ full_name: 'Переименованный Клиент Иванович' }).where('id', '=', renamed).execute();
    await h.database.db.updateTable('customers').set({ personal_manager_id: null }).where('id', '=', given).execute();
    const c = call(customers[12]!);
    expect(await pushed('manager', ['call.log', c])).toEqual([`call:${c.callId}@${manager}`]);

    const paidSince = new Date(Date.now() - PAYMENT_HISTORY_DAYS * DAY);
    const payments = await sql<{ n: number }>`select count(*)::int as n from payments where customer_id = ${given} and paid_at >= ${paidSince}`.execute(h.database.db);
    const scope = { now: new Date(), scopeDays: 14 };
    // The renamed customer is rewritten; the one given away leaves with the payments in the window.
    expect(await refreshScope(h.database.db, [manager, operator], scope)).toEqual({ upserts: 1, deletes: 1 + payments.rows[0]!.n });
    expect(await refreshScope(h.database.db, [manager, operator], scope)).toEqual({ upserts: 0, deletes: 0 });
  }, 300_000);
});
