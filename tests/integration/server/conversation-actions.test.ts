// Assignment, status and category of a conversation (conversation.assign / setStatus / setCategory):
// who may do what, the refusals and their reasons, the conversation moving between two operators'
// replicas (with its message, customer and payment) as it is taken, handed over and returned, the
// feed left where a full scope refresh would leave it, and each mutation applied exactly once.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationName, MutationResult, PultError } from '../../../contract/index.ts';
import { refreshScope } from '../../../server/src/sync/scope.ts';
import { AGENT_IDS, CUSTOMER_IDS, fixtureData, LOGINS, PASSWORD } from './fixtures.ts';
import { expectedReplica } from './sync-expected.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { SyncReplica } from './sync-replica.ts';

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const OPERATOR2 = '00000000-0000-4000-8000-0000000000d1';
const CONV = {
  /** Semenov's new phone conversation, nobody's yet (phone: in no operator's queue, so only its assignee holds it). */
  free: '40000000-0000-4000-8000-0000000000d1',
  /** Operator 2's open e-mail from Petrov. */
  colleagues: '40000000-0000-4000-8000-0000000000d2',
  /** The operator's resolved chat. */
  resolved: '40000000-0000-4000-8000-0000000000d3',
};
const MSG_FREE = '50000000-0000-4000-8000-0000000000d1';
const PAY_SEMENOV = '30000000-0000-4000-8000-0000000000d1';

function data() {
  const d = fixtureData();
  d.agents.push({ id: OPERATOR2, login: 'operator2', displayName: 'Оператор Глеб', role: 'operator', siteId: 'msk', password: PASSWORD });
  const conv = (id: string, customerId: string, assigneeId: string | null, status: 'new' | 'open' | 'resolved', channel: 'phone' | 'email') => ({
    id, channel, customerId, externalAddress: channel === 'email' ? 'client@example.ru' : '+74842567890', subject: channel === 'email' ? 'Счёт' : null,
    status, category: null, assigneeId, createdAt: ago(1), updatedAt: ago(1),
  });
  d.conversations.push(
    conv(CONV.free, CUSTOMER_IDS.semenov, null, 'new', 'phone'),
    conv(CONV.colleagues, CUSTOMER_IDS.petrov, OPERATOR2, 'open', 'email'),
    conv(CONV.resolved, CUSTOMER_IDS.ivanova, AGENT_IDS.operator, 'resolved', 'phone'),
  );
  d.messages.push({ id: MSG_FREE, conversationId: CONV.free, direction: 'in', authorAgentId: null, body: 'Не работает интернет', createdAt: ago(1) });
  d.payments.push({ id: PAY_SEMENOV, customerId: CUSTOMER_IDS.semenov, amount: 60_000, method: 'sbp', paidAt: ago(10), status: 'completed' });
  return d;
}

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ data: data(), now: new Date() });
});
afterAll(async () => {
  await h?.close();
});

type Call = [MutationName, unknown];
const lastVersion = async () => (await sql<{ v: string | null }>`select max(version)::text as v from sync_feed`.execute(h.database.db)).rows[0]!.v ?? '0';

/** Pushes as `login` under a fresh client id; the results. */
async function push(login: string, ...calls: Call[]): Promise<MutationResult[]> {
  const r = await h.push(await h.token(login), { clientId: randomUUID(), mutations: calls.map(([name, args], i) => ({ seq: i + 1, name, args })) });
  return r.results;
}

async function applied(login: string, ...calls: Call[]): Promise<void> {
  const results = await push(login, ...calls);
  expect(results.map((r) => r.status), JSON.stringify(results)).toEqual(calls.map(() => 'applied'));
}

async function refused(login: string, call: Call): Promise<PultError> {
  const before = await lastVersion();
  const [r] = await push(login, call);
  expect(r?.status, JSON.stringify(r)).toBe('rejected');
  // A refusal writes nothing into the feed.
  expect(await lastVersion()).toBe(before);
  return (r as Extract<MutationResult, { status: 'rejected' }>).error;
}

const row = (id: string) => h.database.db.selectFrom('conversations').select(['assignee_id', 'status', 'category']).where('id', '=', id).executeTakeFirstOrThrow();
const fullRefreshFinds = () => refreshScope(h.database.db, 'all', { now: new Date(), scopeDays: 14 });
const assign = (conversationId: string, assigneeId: string | null): Call => ['conversation.assign', { conversationId, assigneeId }];
const setStatus = (conversationId: string, status: string): Call => ['conversation.setStatus', { conversationId, status }];
const setCategory = (conversationId: string, category: string | null): Call => ['conversation.setCategory', { conversationId, category }];

/** Each operator's replica, pulled as their PC would. */
const replicas = { operator: new SyncReplica(), operator2: new SyncReplica() };
async function pullBoth(): Promise<void> {
  await h.drain(await h.token(LOGINS.operator), replicas.operator);
  await h.drain(await h.token('operator2'), replicas.operator2);
}
const FREE_ROWS = [`conversation:${CONV.free}`, `message:${MSG_FREE}`, `customer:${CUSTOMER_IDS.semenov}`, `payment:${PAY_SEMENOV}`];
const holds = (r: SyncReplica) => FREE_ROWS.filter((k) => r.rows.has(k));

describe('conversation actions', () => {
  it('starts with the free conversation in nobody\'s replica', async () => {
    await pullBoth();
    expect(holds(replicas.operator)).toEqual([]);
    expect(holds(replicas.operator2)).toEqual([]);
    expect(await fullRefreshFinds()).toEqual({ upserts: 0, deletes: 0 });
  });

  it('roles that do not handle conversations cannot take one', async () => {
    for (const login of [LOGINS.personal_manager, LOGINS.quality_manager]) {
      expect(await refused(login, assign(CONV.free, login === LOGINS.personal_manager ? AGENT_IDS.personal_manager : AGENT_IDS.quality_manager))).toMatchObject({ code: 'forbidden' });
    }
    // A supervisor assigns, but does not hold conversations: their replica never has any.
    expect(await refused(LOGINS.supervisor, assign(CONV.free, AGENT_IDS.supervisor))).toMatchObject({ code: 'invalid_input', field: 'mutations.0.args.assigneeId' });
  });

  it('an operator cannot give a free conversation to someone else, only take it', async () => {
    expect(await refused(LOGINS.operator, assign(CONV.free, OPERATOR2))).toMatchObject({ code: 'forbidden', field: 'mutations.0.args.assigneeId' });
  });

  it('nobody changes the status or category of a free conversation but a supervisor: take it first', async () => {
    expect(await refused(LOGINS.operator, setStatus(CONV.free, 'open'))).toMatchObject({ code: 'forbidden', field: 'mutations.0.args.conversationId' });
    expect(await refused(LOGINS.operator, setCategory(CONV.free, 'technical'))).toMatchObject({ code: 'forbidden' });
  });

  it('taking a new conversation opens it and brings it, its message, customer and payment into the taker\'s replica', async () => {
    await applied(LOGINS.operator, assign(CONV.free, AGENT_IDS.operator));
    expect(await row(CONV.free)).toEqual({ assignee_id: AGENT_IDS.operator, status: 'open', category: null });
    await pullBoth();
    expect(holds(replicas.operator)).toEqual(FREE_ROWS);
    expect(replicas.operator.rows.get(`conversation:${CONV.free}`)?.data).toMatchObject({ assigneeId: AGENT_IDS.operator, status: 'open' });
    expect(holds(replicas.operator2)).toEqual([]);
    expect(await fullRefreshFinds()).toEqual({ upserts: 0, deletes: 0 });
  });

  it('a colleague cannot take it now, and is told who has it', async () => {
    const e = await refused('operator2', assign(CONV.free, OPERATOR2));
    expect(e).toMatchObject({ code: 'conflict', field: 'mutations.0.args.conversationId' });
    expect(e.message).toContain('Оператор Анна');
    expect(await refused('operator2', setStatus(CONV.free, 'resolved'))).toMatchObject({ code: 'conflict' });
    expect(await refused('operator2', assign(CONV.free, null))).toMatchObject({ code: 'conflict' });
  });

  it('the assignee sets the status and the category; each write reaches the replica', async () => {
    await applied(LOGINS.operator, setStatus(CONV.free, 'waiting_customer'), setCategory(CONV.free, 'technical'));
    expect(await row(CONV.free)).toEqual({ assignee_id: AGENT_IDS.operator, status: 'waiting_customer', category: 'technical' });
    await pullBoth();
    expect(replicas.operator.rows.get(`conversation:${CONV.free}`)?.data).toMatchObject({ status: 'waiting_customer', category: 'technical' });
    await applied(LOGINS.operator, setCategory(CONV.free, null));
    expect((await row(CONV.free)).category).toBeNull();
    expect(await fullRefreshFinds()).toEqual({ upserts: 0, deletes: 0 });
  });

  it('handing over moves the conversation with what hangs on it from one replica to the other', async () => {
    await applied(LOGINS.operator, assign(CONV.free, OPERATOR2));
    // Handed over, not taken: the status stays as the giver left it.
    expect(await row(CONV.free)).toEqual({ assignee_id: OPERATOR2, status: 'waiting_customer', category: null });
    await pullBoth();
    expect(holds(replicas.operator)).toEqual([]);
    expect(holds(replicas.operator2)).toEqual(FREE_ROWS);
    expect(await fullRefreshFinds()).toEqual({ upserts: 0, deletes: 0 });
  });

  it('the former assignee can neither return nor re-take it; the new one returns it to the queue', async () => {
    expect(await refused(LOGINS.operator, assign(CONV.free, null))).toMatchObject({ code: 'conflict' });
    await applied('operator2', assign(CONV.free, null));
    expect(await row(CONV.free)).toMatchObject({ assignee_id: null });
    await pullBoth();
    expect(holds(replicas.operator2)).toEqual([]);
    expect(await fullRefreshFinds()).toEqual({ upserts: 0, deletes: 0 });
  });

  it('a supervisor assigns any conversation to any operator and sets its status and category', async () => {
    await applied(LOGINS.admin, setStatus(CONV.free, 'new'));
    await applied(LOGINS.supervisor, assign(CONV.free, OPERATOR2), assign(CONV.colleagues, AGENT_IDS.operator), setCategory(CONV.colleagues, 'financial'));
    // Given by someone else, a new conversation stays new until its operator takes it up.
    expect(await row(CONV.free)).toEqual({ assignee_id: OPERATOR2, status: 'new', category: null });
    expect(await row(CONV.colleagues)).toEqual({ assignee_id: AGENT_IDS.operator, status: 'open', category: 'financial' });
    await applied(LOGINS.admin, setStatus(CONV.colleagues, 'waiting_customer'));
    await pullBoth();
    expect(holds(replicas.operator2)).toEqual(FREE_ROWS);
    expect(replicas.operator.rows.has(`conversation:${CONV.colleagues}`)).toBe(true);
    expect(replicas.operator2.rows.has(`conversation:${CONV.colleagues}`)).toBe(false);
    expect(replicas.operator2.rows.get(`conversation:${CONV.free}`)?.data).toMatchObject({ status: 'new', assigneeId: OPERATOR2 });
    expect(await fullRefreshFinds()).toEqual({ upserts: 0, deletes: 0 });
  });

  it('refuses an unknown conversation, an unknown agent, a manager as assignee and a resolved conversation', async () => {
    expect(await refused(LOGINS.operator, assign(randomUUID(), AGENT_IDS.operator))).toMatchObject({ code: 'not_found', field: 'mutations.0.args.conversationId' });
    expect(await refused(LOGINS.supervisor, assign(CONV.free, randomUUID()))).toMatchObject({ code: 'not_found', field: 'mutations.0.args.assigneeId' });
    expect(await refused(LOGINS.supervisor, assign(CONV.free, AGENT_IDS.personal_manager))).toMatchObject({ code: 'invalid_input', field: 'mutations.0.args.assigneeId' });
    expect(await refused(LOGINS.operator, assign(CONV.resolved, null))).toMatchObject({ code: 'conflict', field: 'mutations.0.args.conversationId' });
    // Reopened by its assignee, it can be given away again.
    await applied(LOGINS.operator, setStatus(CONV.resolved, 'open'), assign(CONV.resolved, null));
    expect(await row(CONV.resolved)).toEqual({ assignee_id: null, status: 'open', category: null });
    expect(await fullRefreshFinds()).toEqual({ upserts: 0, deletes: 0 });
  });

  it('applies each mutation exactly once: a resend is a duplicate that writes nothing, a refusal is answered the same', async () => {
    const token = await h.token(LOGINS.operator);
    const clientId = randomUUID();
    const batch = [
      { seq: 1, name: 'conversation.assign' as const, args: { conversationId: CONV.resolved, assigneeId: AGENT_IDS.operator } },
      { seq: 2, name: 'conversation.assign' as const, args: { conversationId: CONV.free, assigneeId: AGENT_IDS.operator } },
      { seq: 3, name: 'conversation.setCategory' as const, args: { conversationId: CONV.resolved, category: 'connection' } },
    ];
    const first = await h.push(token, { clientId, mutations: batch });
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    const version = await lastVersion();
    const again = await h.push(token, { clientId, mutations: batch });
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'rejected', 'duplicate']);
    expect(again.results[1]).toEqual(first.results[1]);
    expect(await lastVersion()).toBe(version);
    expect(await row(CONV.resolved)).toEqual({ assignee_id: AGENT_IDS.operator, status: 'open', category: 'connection' });
  });

  it('the replicas end exactly as the tables say', async () => {
    await pullBoth();
    for (const [name, agentId] of [['operator', AGENT_IDS.operator], ['operator2', OPERATOR2]] as const) {
      expect(replicas[name].data(), name).toEqual(await expectedReplica(h.database.db, agentId, { now: new Date(), scopeDays: 14 }));
    }
  });
});
