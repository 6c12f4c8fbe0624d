// The refresh of a few rows (refreshScopeOfRowsIn) against the full one (refreshScopeIn): with the
// tables changed behind the feed's back in every way that moves rows into, out of or between
// scopes, the targeted refresh of any rows writes exactly what the full refresh writes for them
// (and for what hangs on them), and nothing else. Each refresh runs in a transaction rolled back
// afterwards, so every case starts from the same drifted feed.
import { sql, type Kysely, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../server/src/db/schema.ts';
import { refreshFeed } from '../../../server/src/sync/refresh.ts';
import { refreshScopeIn, refreshScopeOfRowsIn, type ScopeRows, type ScopeTarget } from '../../../server/src/sync/scope.ts';
import { AGENT_IDS, CUSTOMER_IDS, fixtureData, PASSWORD } from './fixtures.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2025-03-01T12:00:00.000Z');
const SCOPE = { now: NOW, scopeDays: 14 };
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const OPERATOR2 = '00000000-0000-4000-8000-0000000000b1';
const id = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

const CONV = { open: id('4000000b', 1), recentResolved: id('4000000b', 2), oldResolved: id('4000000b', 3), ofOperator2: id('4000000b', 4), noCustomer: id('4000000b', 5) };
const MSG = [id('5000000b', 1), id('5000000b', 2), id('5000000b', 3), id('5000000b', 4)];
const CALL = { inConv: id('6000000b', 1), own: id('6000000b', 2), oldOwn: id('6000000b', 3), ofOperator2: id('6000000b', 4) };
const PAY = { recent: id('3000000b', 1), old: id('3000000b', 2), petrov: id('3000000b', 3) };
const TASK = { open: id('7000000b', 1), doneLongAgo: id('7000000b', 2) };
const REQUEST = { recent: id('8000000b', 1) };

function data() {
  const d = fixtureData();
  d.agents.push({ id: OPERATOR2, login: 'operator2', displayName: 'Оператор Глеб', role: 'operator', siteId: 'msk', password: PASSWORD });
  const conv = (cid: string, customerId: string | null, status: 'open' | 'resolved', days: number, assigneeId: string = AGENT_IDS.operator) => ({
    id: cid, channel: 'email' as const, customerId, externalAddress: 'someone@example.ru', subject: 'Вопрос', status, category: null,
    assigneeId, createdAt: ago(90), updatedAt: ago(days),
  });
  d.conversations.push(
    conv(CONV.open, CUSTOMER_IDS.semenov, 'open', 40),
    conv(CONV.recentResolved, CUSTOMER_IDS.petrov, 'resolved', 3),
    conv(CONV.oldResolved, CUSTOMER_IDS.semenov, 'resolved', 30),
    conv(CONV.ofOperator2, CUSTOMER_IDS.ivanova, 'open', 1, OPERATOR2),
    conv(CONV.noCustomer, null, 'open', 2),
  );
  const msg = (mid: string, conversationId: string, days: number) => ({ id: mid, conversationId, direction: 'in' as const, authorAgentId: null, body: 'Добрый день', createdAt: ago(days) });
  d.messages.push(msg(MSG[0]!, CONV.open, 40), msg(MSG[1]!, CONV.recentResolved, 3), msg(MSG[2]!, CONV.oldResolved, 30), msg(MSG[3]!, CONV.ofOperator2, 1));
  const call = (cid: string, conversationId: string | null, agentId: string, days: number) => ({
    id: cid, conversationId, direction: 'in' as const, agentId, number: '+79031112233', startedAt: ago(days), answeredAt: null, endedAt: ago(days),
    result: 'missed' as const, ivrChoice: null, customerId: null, wrapUp: null,
  });
  d.calls.push(call(CALL.inConv, CONV.recentResolved, AGENT_IDS.operator, 3), call(CALL.own, null, AGENT_IDS.personal_manager, 2),
    call(CALL.oldOwn, null, AGENT_IDS.operator, 20), call(CALL.ofOperator2, CONV.ofOperator2, OPERATOR2, 1));
  const pay = (pid: string, customerId: string, days: number) => ({ id: pid, customerId, amount: 70_000, method: 'bank_card' as const, paidAt: ago(days), status: 'completed' as const });
  d.payments.push(pay(PAY.recent, CUSTOMER_IDS.semenov, 10), pay(PAY.old, CUSTOMER_IDS.semenov, 200), pay(PAY.petrov, CUSTOMER_IDS.petrov, 5));
  return d;
}

async function addTasksAndRequests(db: Kysely<DB>) {
  const task = (tid: string, status: string, doneDaysAgo: number | null) => ({
    id: tid, kind: 'callback', customer_id: CUSTOMER_IDS.ivanova, conversation_id: null, number: '+79161234567', due_at: new Date(NOW.getTime() + DAY),
    note: 'Перезвонить', assignee_id: AGENT_IDS.operator, status, created_at: new Date(ago(5)), done_at: doneDaysAgo === null ? null : new Date(ago(doneDaysAgo)),
  });
  await db.insertInto('tasks').values([task(TASK.open, 'open', null), task(TASK.doneLongAgo, 'done', 2)]).execute();
  await db.insertInto('connection_requests').values({
    id: REQUEST.recent, phone: '+79260001122', contact_name: 'Олег', connection_type: 'apartment_ethernet', address_region: 'Москва', address_city: 'Москва',
    address_street: 'Тверская улица', address_house: '1', address_apartment: '12', tariff_id: null, preferred_time: '', comment: '', call_id: null,
    created_by: AGENT_IDS.operator, status: 'new', created_at: new Date(ago(1)), received_at: new Date(ago(1)),
  }).execute();
}

/** The tables change behind the feed's back, every way rows move into, out of or between scopes. */
async function drift(db: Kysely<DB>) {
  const at = (days: number) => new Date(ago(days));
  await db.updateTable('conversations').set({ updated_at: at(30) }).where('id', '=', CONV.recentResolved).execute(); // leaves, with Petrov, a message, a call
  await db.updateTable('conversations').set({ status: 'open' }).where('id', '=', CONV.oldResolved).execute(); // comes back
  await db.updateTable('conversations').set({ assignee_id: OPERATOR2 }).where('id', '=', CONV.open).execute(); // to a colleague
  await db.updateTable('customers').set({ personal_manager_id: AGENT_IDS.personal_manager }).where('id', '=', CUSTOMER_IDS.petrov).execute(); // into the portfolio
  await db.updateTable('customers').set({ full_name: 'Семёнов Пётр Ильич' }).where('id', '=', CUSTOMER_IDS.semenov).execute(); // data only
  await db.updateTable('payments').set({ paid_at: at(100) }).where('id', '=', PAY.old).execute(); // into the payment window
  await db.updateTable('calls').set({ conversation_id: CONV.ofOperator2 }).where('id', '=', CALL.own).execute(); // joins a colleague's conversation
  await db.updateTable('calls').set({ started_at: at(2) }).where('id', '=', CALL.oldOwn).execute(); // into the call history
  await db.deleteFrom('messages').where('id', '=', MSG[3]!).execute(); // gone from the table
  await db.updateTable('tasks').set({ done_at: at(20) }).where('id', '=', TASK.doneLongAgo).execute(); // out of the window
  await db.updateTable('connection_requests').set({ received_at: at(20) }).where('id', '=', REQUEST.recent).execute(); // out of the window
}

type Feed = Map<string, { op: string; data: unknown; written: boolean }>;

/** The scoped feed, by entity:id@audience; `written`: rewritten in this transaction (not yet stamped). */
async function scopedFeed(db: Kysely<DB> | Transaction<DB>): Promise<Feed> {
  const rows = await db.selectFrom('sync_feed').select(['entity', 'entity_id', 'audience', 'op', 'data', 'version']).where('audience', 'is not', null).execute();
  return new Map(rows.map((r) => [`${r.entity}:${r.entity_id}@${r.audience}`, { op: r.op, data: r.data, written: r.version === null }]));
}

class RolledBack extends Error {}

/** fn's answer and the feed it left, then everything undone. */
async function rolledBack<T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<{ result: T; feed: Feed }> {
  let out: { result: T; feed: Feed } | undefined;
  try {
    await h.database.db.transaction().execute(async (trx) => {
      const result = await fn(trx);
      out = { result, feed: await scopedFeed(trx) };
      throw new RolledBack();
    });
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
  return out!;
}

const SCOPED_TABLES = [
  ['customer', 'customers'], ['conversation', 'conversations'], ['message', 'messages'], ['call', 'calls'],
  ['payment', 'payments'], ['task', 'tasks'], ['connection_request', 'connection_requests'],
] as const;

/** Every scoped row in the tables, and the message deleted from them (its feed rows remain). */
async function everyRow(db: Kysely<DB>): Promise<ScopeRows[]> {
  const out: ScopeRows[] = [];
  for (const [entity, table] of SCOPED_TABLES) {
    const ids = (await sql<{ id: string }>`select id::text as id from ${sql.table(table)} order by id`.execute(db)).rows.map((r) => r.id);
    out.push({ entity, ids: entity === 'message' ? [...ids, MSG[3]!] : ids });
  }
  return out;
}

let h: SyncHarness;
let before: Feed;
let full: { result: { upserts: number; deletes: number }; feed: Feed };
let rows: ScopeRows[];
beforeAll(async () => {
  h = await startSyncHarness({ data: data(), now: NOW });
  await addTasksAndRequests(h.database.db);
  await refreshFeed(h.database.db, SCOPE);
  await drift(h.database.db);
  before = await scopedFeed(h.database.db);
  full = await rolledBack((trx) => refreshScopeIn(trx, 'all', SCOPE));
  rows = await everyRow(h.database.db);
});
afterAll(async () => {
  await h?.close();
});

const keysOf = (feed: Feed, prefix: string) => [...feed.keys()].filter((k) => k.startsWith(prefix));
const slice = (feed: Feed, keys: readonly string[]) => keys.map((k) => [k, feed.get(k)]);

describe('refreshScopeOfRowsIn against the full refresh', () => {
  it('the drift is real: the full refresh has upserts and tombstones to write', () => {
    expect(full.result.upserts).toBeGreaterThanOrEqual(8);
    expect(full.result.deletes).toBeGreaterThanOrEqual(6);
  });

  it('listing every row writes the same feed as the full refresh, with the same counts', async () => {
    const targeted = await rolledBack((trx) => refreshScopeOfRowsIn(trx, 'all', rows, SCOPE));
    expect(targeted.result).toEqual(full.result);
    expect(targeted.feed).toEqual(full.feed);
  });

  it.each([
    ['the operator', AGENT_IDS.operator],
    ['the personal manager and the second operator', [AGENT_IDS.personal_manager, OPERATOR2]],
  ] as const)('for %s only: their rows as the full refresh of them writes, everyone else\'s untouched', async (_who, target: ScopeTarget) => {
    const targeted = await rolledBack((trx) => refreshScopeOfRowsIn(trx, target, rows, SCOPE));
    const ofTarget = await rolledBack((trx) => refreshScopeIn(trx, target, SCOPE));
    expect(targeted.result).toEqual(ofTarget.result);
    expect(targeted.feed).toEqual(ofTarget.feed);
  });

  it('any single row: that row is written as the full refresh writes it, and nothing is written the full refresh would not', async () => {
    for (const { entity, ids } of rows) {
      for (const rowId of ids) {
        const targeted = await rolledBack((trx) => refreshScopeOfRowsIn(trx, 'all', [{ entity, ids: [rowId] }], SCOPE));
        const own = [...new Set([...keysOf(full.feed, `${entity}:${rowId}@`), ...keysOf(targeted.feed, `${entity}:${rowId}@`)])];
        expect(slice(targeted.feed, own), `${entity}:${rowId}`).toEqual(slice(full.feed, own));
        for (const [k, v] of targeted.feed) {
          if (v.written) expect(v, `${k} after ${entity}:${rowId}`).toEqual(full.feed.get(k));
          else expect(v, `${k} after ${entity}:${rowId}`).toEqual(before.get(k));
        }
      }
    }
  });

  it('a conversation brings what hangs on it: its messages, calls, customer and the customer\'s payments', async () => {
    const op = `@${AGENT_IDS.operator}`;
    // Open again: it comes back with its message; Semenov (held through the conversation that went to
    // a colleague) stays, with his new name, and the payment that moved into the window enters.
    const back = await rolledBack((trx) => refreshScopeOfRowsIn(trx, AGENT_IDS.operator, [{ entity: 'conversation', ids: [CONV.oldResolved] }], SCOPE));
    for (const k of [`conversation:${CONV.oldResolved}${op}`, `message:${MSG[2]}${op}`, `customer:${CUSTOMER_IDS.semenov}${op}`, `payment:${PAY.old}${op}`]) {
      expect(back.feed.get(k), k).toMatchObject({ op: 'upsert', written: true });
    }
    for (const k of [...keysOf(full.feed, 'conversation:'), ...keysOf(full.feed, 'customer:'), ...keysOf(full.feed, 'payment:')].filter((k) => k.endsWith(op))) {
      if (back.feed.get(k)?.written) expect(back.feed.get(k), k).toEqual(full.feed.get(k));
    }
    expect(back.feed.get(`payment:${PAY.recent}${op}`)).toEqual(full.feed.get(`payment:${PAY.recent}${op}`));
    // Resolved a month ago: it leaves with its message, Petrov (in a manager's portfolio now, not the
    // operator's) and his payment; its call stays, as the operator's own recent call.
    const left = await rolledBack((trx) => refreshScopeOfRowsIn(trx, AGENT_IDS.operator, [{ entity: 'conversation', ids: [CONV.recentResolved] }], SCOPE));
    for (const k of [`conversation:${CONV.recentResolved}${op}`, `message:${MSG[1]}${op}`, `customer:${CUSTOMER_IDS.petrov}${op}`, `payment:${PAY.petrov}${op}`]) {
      expect(left.feed.get(k), k).toEqual({ op: 'delete', data: null, written: true });
    }
    expect(left.feed.get(`call:${CALL.inConv}${op}`)).toMatchObject({ op: 'upsert', written: false });
  });

  it('no rows, or no agents: nothing is read or written', async () => {
    expect((await rolledBack((trx) => refreshScopeOfRowsIn(trx, 'all', [{ entity: 'call', ids: [] }], SCOPE))).result).toEqual({ upserts: 0, deletes: 0 });
    expect((await rolledBack((trx) => refreshScopeOfRowsIn(trx, [], rows, SCOPE))).result).toEqual({ upserts: 0, deletes: 0 });
  });
});
