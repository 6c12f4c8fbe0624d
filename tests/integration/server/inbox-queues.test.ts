// The shared and team queues in the operators' feeds, and the SLA due times conversations carry.
// Two operators in the Moscow team, one in Kaluga: a message from a new Telegram chat enters all
// three feeds (conversation and message, not the customer's card); taken by one, it stays with the
// taker (now with the card), is in the teammate's team queue and leaves the Kaluga operator's;
// resolved, it leaves the teammate at once and the taker after the scope's days. After every step
// the targeted refresh has left nothing for the full one to do, and each feed is what the oracle
// (the rules written out again in plain code) says.
import type { Kysely, Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestInbound, type InboundMessage } from '../../../server/src/channels/ingest.ts';
import type { DB } from '../../../server/src/db/schema.ts';
import { recordChanges } from '../../../server/src/sync/record-changes.ts';
import { refreshFeed } from '../../../server/src/sync/refresh.ts';
import { refreshConversationsIn, refreshScopeIn } from '../../../server/src/sync/scope.ts';
import { withSyncedTransaction } from '../../../server/src/sync/synced-transaction.ts';
import { AGENT_IDS, CUSTOMER_IDS, fixtureData, PASSWORD } from './fixtures.ts';
import { expectedReplica, feedFor } from './sync-expected.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const NOW = new Date('2025-03-01T12:00:00.000Z');
const SCOPE = { now: NOW, scopeDays: 14 };
const TAKER = AGENT_IDS.operator;
const MATE = '00000000-0000-4000-8000-0000000000c1';
const KALUGA = '00000000-0000-4000-8000-0000000000c2';
const SUPERVISOR_CONV = '40000000-0000-4000-8000-0000000000c1';

function data() {
  const d = fixtureData();
  d.teams = [{ id: 'line1-msk', name: 'Первая линия, Москва' }, { id: 'line1-kaluga', name: 'Первая линия, Калуга' }];
  d.agents = d.agents.map((a) => (a.id === TAKER || a.id === AGENT_IDS.supervisor ? { ...a, teamId: 'line1-msk' } : a));
  d.agents.push(
    { id: MATE, login: 'operator2', displayName: 'Оператор Глеб', role: 'operator', siteId: 'msk', teamId: 'line1-msk', password: PASSWORD },
    { id: KALUGA, login: 'operator3', displayName: 'Оператор Дарья', role: 'operator', siteId: 'kaluga', teamId: 'line1-kaluga', password: PASSWORD },
  );
  // The supervisor's open e-mail: in the Moscow operators' team queue, with its message.
  d.conversations.push({
    id: SUPERVISOR_CONV, channel: 'email', customerId: CUSTOMER_IDS.semenov, externalAddress: 'semenov@example.ru', subject: 'Счёт',
    status: 'open', category: null, assigneeId: AGENT_IDS.supervisor, createdAt: new Date(NOW.getTime() - DAY).toISOString(), updatedAt: new Date(NOW.getTime() - DAY).toISOString(),
  });
  d.messages.push({ id: '50000000-0000-4000-8000-0000000000c1', conversationId: SUPERVISOR_CONV, direction: 'in', authorAgentId: null, body: 'Пришлите счёт', createdAt: new Date(NOW.getTime() - DAY).toISOString() });
  return d;
}

const inbound = (n: number, at: Date): InboundMessage => ({
  channel: 'telegram', channelMessageId: `777:${n}`, externalAddress: '777', body: `Интернет не работает (${n})`, sentAt: at,
  contact: { telegramIds: ['@alena_iv'] }, files: [],
});

let h: SyncHarness;
let db: Kysely<DB>;
let conversationId: string;
let messageId: string;
beforeAll(async () => {
  h = await startSyncHarness({ data: data(), now: NOW });
  db = h.database.db;
  await refreshFeed(db, SCOPE);
  const r = await withSyncedTransaction(db, (trx) => ingestInbound(trx, inbound(1, NOW), NOW));
  if (r.status !== 'stored') throw new Error('not stored');
  conversationId = r.conversationId;
  messageId = r.messageId;
});
afterAll(async () => {
  await h?.close();
});

/** entity → op of the agent's feed rows for this conversation, its message and its customer. */
async function holds(agentId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('sync_feed').select(['entity', 'entity_id', 'op'])
    .where('audience', '=', agentId)
    .where('entity_id', 'in', [conversationId, messageId, CUSTOMER_IDS.ivanova])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.entity === 'customer' ? 'customer' : r.entity, r.op]));
}

class RolledBack extends Error {}
/** What the full refresh would still write, undone afterwards. */
async function fullRefreshLeftover(): Promise<{ upserts: number; deletes: number }> {
  let out = { upserts: -1, deletes: -1 };
  try {
    await db.transaction().execute(async (trx: Transaction<DB>) => {
      out = await refreshScopeIn(trx, 'all', SCOPE);
      throw new RolledBack();
    });
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
  return out;
}

function withoutChannelFields(message: unknown): unknown {
  const { channelMessageId: _id, delivery: _delivery, attachments: _files, template: _template, ...rest } = message as Record<string, unknown>;
  return rest;
}

/** Each operator's feed against the oracle, on the entities the oracle knows. */
async function expectFeedsAsOracle() {
  for (const agent of [TAKER, MATE, KALUGA, AGENT_IDS.supervisor]) {
    const expected = await expectedReplica(db, agent, SCOPE);
    const known = new Set([...expected.keys()].map((k) => k.split(':')[0]));
    // The oracle writes messages without the channel's fields (id, delivery, files).
    const feed = new Map([...(await feedFor(db, agent))].filter(([k]) => known.has(k.split(':')[0]))
      .map(([k, v]) => [k, k.startsWith('message:') ? withoutChannelFields(v) : v]));
    expect(feed, agent).toEqual(expected);
  }
}

/** A write as a mutation makes it: the row, its feed data, and the refresh of who holds it. */
async function write(set: { assignee_id?: string | null; status?: string }, at: Date) {
  await withSyncedTransaction(db, async (trx) => {
    await trx.updateTable('conversations').set({ ...set, updated_at: at }).where('id', '=', conversationId).execute();
    await recordChanges(trx, 'conversation', [conversationId]);
    await refreshConversationsIn(trx, [conversationId], { now: at, scopeDays: SCOPE.scopeDays });
  });
}

describe('the shared and team queues', () => {
  it('a new inbound conversation is in every operator\'s feed with its message, without the customer\'s card', async () => {
    for (const agent of [TAKER, MATE, KALUGA]) {
      expect(await holds(agent), agent).toMatchObject({ conversation: 'upsert', message: 'upsert' });
    }
    expect((await holds(KALUGA)).customer).toBeUndefined();
    expect((await holds(MATE)).customer).toBeUndefined();
    // Not for other roles, and the next message of the chat follows it into the same feeds.
    expect(await holds(AGENT_IDS.supervisor)).toEqual({});
    const next = await withSyncedTransaction(db, (trx) => ingestInbound(trx, inbound(2, new Date(NOW.getTime() + MINUTE)), NOW));
    expect(next).toMatchObject({ status: 'stored', conversationId, newConversation: false });
    const second = next.status === 'stored' ? next.messageId : '';
    const holders = await db.selectFrom('sync_feed').select('audience').where('entity_id', '=', second).where('op', '=', 'upsert').execute();
    expect(holders.map((r) => r.audience).sort()).toEqual([TAKER, MATE, KALUGA].sort());
    expect(await fullRefreshLeftover()).toEqual({ upserts: 0, deletes: 0 });
    await expectFeedsAsOracle();
  });

  it('teammates\' open conversations are in the team queue, not in other teams\'', async () => {
    const supervisors = await db.selectFrom('sync_feed').select('audience').where('entity_id', '=', SUPERVISOR_CONV).where('op', '=', 'upsert').execute();
    expect(supervisors.map((r) => r.audience).sort()).toEqual([TAKER, MATE].sort());
    // The team queue carries no customer card either: Semenov is nobody's here.
    const semenov = await db.selectFrom('sync_feed').select('audience').where('entity_id', '=', CUSTOMER_IDS.semenov).where('op', '=', 'upsert').execute();
    expect(semenov).toEqual([]);
  });

  it('taken: stays with the taker, with the card; in the teammate\'s team queue; gone from the other team', async () => {
    await write({ assignee_id: TAKER, status: 'open' }, new Date(NOW.getTime() + 2 * MINUTE));
    expect(await holds(TAKER)).toEqual({ conversation: 'upsert', message: 'upsert', customer: 'upsert' });
    expect(await holds(MATE)).toEqual({ conversation: 'upsert', message: 'upsert' });
    expect(await holds(KALUGA)).toEqual({ conversation: 'delete', message: 'delete' });
    expect(await fullRefreshLeftover()).toEqual({ upserts: 0, deletes: 0 });
    await expectFeedsAsOracle();
  });

  it('resolved: leaves the team queue at once, the taker after the scope\'s days', async () => {
    await write({ status: 'resolved' }, new Date(NOW.getTime() + 3 * MINUTE));
    expect(await holds(TAKER)).toMatchObject({ conversation: 'upsert', message: 'upsert' });
    expect(await holds(MATE)).toEqual({ conversation: 'delete', message: 'delete' });
    expect(await fullRefreshLeftover()).toEqual({ upserts: 0, deletes: 0 });
    await expectFeedsAsOracle();
    await refreshFeed(db, { now: new Date(NOW.getTime() + 15 * DAY), scopeDays: SCOPE.scopeDays });
    expect(await holds(TAKER)).toMatchObject({ conversation: 'delete', message: 'delete' });
  });
});

describe('SLA due times', () => {
  const slaOf = async (id: string) => {
    const row = await db.selectFrom('sync_feed').select('data').where('entity', '=', 'conversation').where('entity_id', '=', id).where('op', '=', 'upsert').executeTakeFirst();
    return (row?.data as { sla?: unknown } | undefined)?.sla;
  };
  const openChat = async (n: number, at: Date) => {
    const r = await withSyncedTransaction(db, (trx) => ingestInbound(trx, { ...inbound(n, at), externalAddress: `chat-${n}`, channelMessageId: `chat-${n}:1` }, at));
    if (r.status !== 'stored') throw new Error('not stored');
    return r.conversationId;
  };

  it('a chat is due a first reply in 5 minutes and a resolution in 8 hours, from when it was opened', async () => {
    const at = new Date(NOW.getTime() + 10 * MINUTE);
    const id = await openChat(10, at);
    expect(await slaOf(id)).toEqual({
      firstResponseDueAt: new Date(at.getTime() + 5 * MINUTE).toISOString(), firstResponseAt: null,
      resolutionDueAt: new Date(at.getTime() + 8 * 60 * MINUTE).toISOString(), pausedAt: null,
    });
  });

  it('the first reply stops the first-response clock; waiting for the customer pauses resolution, and the pause is added back', async () => {
    const opened = new Date(NOW.getTime() + 20 * MINUTE);
    const id = await openChat(11, opened);
    const replied = new Date(opened.getTime() + 3 * MINUTE);
    const reply = async (mid: string, when: Date) => withSyncedTransaction(db, async (trx) => {
      await trx.insertInto('messages').values({ id: mid, conversation_id: id, direction: 'out', author_agent_id: TAKER, body: 'Смотрим', created_at: when }).execute();
      await recordChanges(trx, 'conversation', [id]);
    });
    await reply('50000000-0000-4000-8000-0000000000d1', replied);
    await reply('50000000-0000-4000-8000-0000000000d2', new Date(replied.getTime() + MINUTE)); // a later reply changes nothing
    expect(await slaOf(id)).toMatchObject({ firstResponseAt: replied.toISOString() });

    const setStatus = (status: string, when: Date) => withSyncedTransaction(db, async (trx) => {
      await trx.updateTable('conversations').set({ status, updated_at: when }).where('id', '=', id).execute();
      await recordChanges(trx, 'conversation', [id]);
    });
    const waiting = new Date(opened.getTime() + 60 * MINUTE);
    await setStatus('waiting_customer', waiting);
    expect(await slaOf(id)).toMatchObject({ pausedAt: waiting.toISOString(), resolutionDueAt: new Date(opened.getTime() + 8 * 60 * MINUTE).toISOString() });
    await setStatus('open', new Date(waiting.getTime() + 90 * MINUTE));
    expect(await slaOf(id)).toMatchObject({ pausedAt: null, resolutionDueAt: new Date(opened.getTime() + (8 * 60 + 90) * MINUTE).toISOString() });
  });

  it('the phone has no targets: its conversations carry no SLA', async () => {
    const id = '40000000-0000-4000-8000-0000000000e1';
    await db.insertInto('conversations').values({
      id, channel: 'phone', customer_id: null, external_address: '+79160000000', subject: null, status: 'open', category: null,
      assignee_id: TAKER, created_at: NOW, updated_at: NOW,
    }).execute();
    const row = await db.selectFrom('conversations').select(['first_response_due_at', 'resolution_due_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ first_response_due_at: null, resolution_due_at: null });
  });
});
