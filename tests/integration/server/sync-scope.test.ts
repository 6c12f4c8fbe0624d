// Scope: a personal manager's replica holds the portfolio; an operator's holds their open or recent
// conversations with customers, messages and calls; other roles get only what is for everyone.
// When something leaves an agent's scope the agent gets a tombstone, so the replica drops it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordChanges } from '../../../server/src/sync/record-changes.ts';
import { refreshScope, refreshScopeIn } from '../../../server/src/sync/scope.ts';
import { refreshFeed } from '../../../server/src/sync/refresh.ts';
import { withSyncedTransaction } from '../../../server/src/sync/synced-transaction.ts';
import { AGENT_IDS, CUSTOMER_IDS, fixtureData, LOGINS } from './fixtures.ts';
import { expectedReplica } from './sync-expected.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { SyncReplica } from './sync-replica.ts';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2025-03-01T12:00:00.000Z');
const PAYMENT_ID = '30000000-0000-4000-8000-000000000001'; // Ivanova's, in fixtures.ts
const ago = (days: number, from = NOW) => new Date(from.getTime() - days * DAY).toISOString();
const SCOPE = { now: NOW, scopeDays: 14 };

const CONV = {
  recentResolved: '40000000-0000-4000-8000-0000000000a1', // Petrov, resolved 3 days ago: in
  oldResolved: '40000000-0000-4000-8000-0000000000a2', // Semenov, resolved 30 days ago: out
  oldOpen: '40000000-0000-4000-8000-0000000000a3', // unknown sender, open for 60 days: in
  supervisors: '40000000-0000-4000-8000-0000000000a4', // assigned to the supervisor: nobody's scope
};
const MSG = { recent: '50000000-0000-4000-8000-0000000000a1', old: '50000000-0000-4000-8000-0000000000a2' };
const CALL = { recent: '60000000-0000-4000-8000-0000000000a1', old: '60000000-0000-4000-8000-0000000000a2' };

function data() {
  const d = fixtureData();
  const conv = (id: string, customerId: string | null, status: 'open' | 'resolved', updatedDaysAgo: number, assigneeId: string = AGENT_IDS.operator) => ({
    id, channel: 'email' as const, customerId, externalAddress: 'someone@example.ru', subject: 'Вопрос', status, category: null,
    assigneeId, createdAt: ago(90), updatedAt: ago(updatedDaysAgo),
  });
  d.conversations.push(
    conv(CONV.recentResolved, CUSTOMER_IDS.petrov, 'resolved', 3),
    conv(CONV.oldResolved, CUSTOMER_IDS.semenov, 'resolved', 30),
    conv(CONV.oldOpen, null, 'open', 60),
    conv(CONV.supervisors, CUSTOMER_IDS.semenov, 'open', 1, AGENT_IDS.supervisor),
  );
  d.messages.push(
    { id: MSG.recent, conversationId: CONV.recentResolved, direction: 'in', authorAgentId: null, body: 'Спасибо', createdAt: ago(3) },
    { id: MSG.old, conversationId: CONV.oldResolved, direction: 'in', authorAgentId: null, body: 'Давно', createdAt: ago(30) },
  );
  const call = (id: string, conversationId: string, days: number) => ({
    id, conversationId, direction: 'out' as const, agentId: AGENT_IDS.operator, number: '+79031112233',
    startedAt: ago(days), answeredAt: null, endedAt: ago(days), result: 'missed' as const, ivrChoice: null, customerId: null, wrapUp: null,
  });
  d.calls.push(call(CALL.recent, CONV.recentResolved, 3), call(CALL.old, CONV.oldResolved, 30));
  return d;
}

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ data: data(), now: NOW });
});
afterAll(async () => {
  await h?.close();
});

async function replicaOf(login: string, replica = new SyncReplica()) {
  await h.drain(await h.token(login), replica, 4);
  return replica;
}

describe('scope', () => {
  it('a personal manager gets the portfolio and no conversations', async () => {
    const r = await replicaOf(LOGINS.personal_manager);
    expect(r.entities('customer')).toEqual([CUSTOMER_IDS.ivanova]);
    expect([...r.entities('conversation'), ...r.entities('message'), ...r.entities('call')]).toEqual([]);
    expect(r.data()).toEqual(await expectedReplica(h.database.db, AGENT_IDS.personal_manager, SCOPE));
  });

  it('an operator gets open or recent conversations, their customers, messages and calls', async () => {
    const r = await replicaOf(LOGINS.operator);
    expect(r.entities('conversation')).toEqual(['40000000-0000-4000-8000-000000000001', CONV.recentResolved, CONV.oldOpen].sort());
    expect(r.entities('customer')).toEqual([CUSTOMER_IDS.ivanova, CUSTOMER_IDS.petrov].sort());
    expect(r.entities('message')).toEqual(['50000000-0000-4000-8000-000000000001', MSG.recent].sort());
    // The fixture's call (no conversation) is older than 14 days: only the recent conversation's call.
    expect(r.entities('call')).toEqual([CALL.recent]);
    expect(r.data()).toEqual(await expectedReplica(h.database.db, AGENT_IDS.operator, SCOPE));
  });

  it.each(['supervisor', 'quality_manager', 'admin'] as const)('%s gets only what is for everyone', async (role) => {
    const r = await replicaOf(LOGINS[role]);
    const entities = new Set([...r.rows.keys()].map((k) => k.split(':')[0]));
    expect([...entities].sort()).toEqual(['agent', 'article', 'canned_response', 'extra_service', 'promotion', 'script', 'tariff', 'wrap_up_code']);
  });

  it('a refresh with nothing changed writes nothing and issues no versions', async () => {
    const before = await h.database.db.selectFrom('sync_feed').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow();
    expect(await refreshFeed(h.database.db, SCOPE)).toEqual({ global: { upserts: 0, deletes: 0 }, scoped: { upserts: 0, deletes: 0 } });
    const after = await h.database.db.selectFrom('sync_feed').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow();
    expect(after.v).toEqual(before.v);
  });

  it('time passing drops a resolved conversation with its customer, messages and calls: tombstones', async () => {
    const operator = await replicaOf(LOGINS.operator);
    const later = { now: new Date(NOW.getTime() + 12 * DAY), scopeDays: 14 };
    expect(await refreshScope(h.database.db, AGENT_IDS.operator, later)).toEqual({ upserts: 0, deletes: 4 });
    const page = await h.pull(await h.token(LOGINS.operator), operator.cursor);
    expect(page.changes.map((c) => `${c.op} ${c.entity}:${c.id}`).sort()).toEqual([
      `delete call:${CALL.recent}`, `delete conversation:${CONV.recentResolved}`, `delete customer:${CUSTOMER_IDS.petrov}`, `delete message:${MSG.recent}`,
    ]);
    operator.apply(page);
    expect(operator.data()).toEqual(await expectedReplica(h.database.db, AGENT_IDS.operator, later));
    // Back to the present: it all comes back as upserts over the tombstones.
    expect(await refreshScope(h.database.db, AGENT_IDS.operator, SCOPE)).toEqual({ upserts: 4, deletes: 0 });
    await replicaOf(LOGINS.operator, operator);
    expect(operator.data()).toEqual(await expectedReplica(h.database.db, AGENT_IDS.operator, SCOPE));
  });

  it('a customer given to another manager: tombstone for the old one, upsert for the new one', async () => {
    const oldManager = await replicaOf(LOGINS.personal_manager);
    const newManager = await replicaOf('manager2');
    const operator = await replicaOf(LOGINS.operator);
    await withSyncedTransaction(h.database.db, async (trx) => {
      await trx.updateTable('customers').set({ personal_manager_id: AGENT_IDS.other_manager, updated_at: sql<Date>`now()` }).where('id', '=', CUSTOMER_IDS.ivanova).execute();
      await recordChanges(trx, 'customer', [CUSTOMER_IDS.ivanova]);
      await refreshScopeIn(trx, [AGENT_IDS.personal_manager, AGENT_IDS.other_manager], SCOPE);
    });

    const gone = await h.pull(await h.token(LOGINS.personal_manager), oldManager.cursor);
    // The customer leaves with her payments.
    expect(gone.changes.map((c) => `${c.op} ${c.entity}:${c.id}`).sort()).toEqual([`delete customer:${CUSTOMER_IDS.ivanova}`, `delete payment:${PAYMENT_ID}`]);
    oldManager.apply(gone);
    expect(oldManager.entities('customer')).toEqual([]);

    const came = await h.pull(await h.token('manager2'), newManager.cursor);
    expect(came.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ op: 'upsert', entity: 'customer', id: CUSTOMER_IDS.ivanova, data: expect.objectContaining({ personalManagerId: AGENT_IDS.other_manager }) })]),
    );
    expect(came.changes.map((c) => `${c.op} ${c.entity}:${c.id}`).sort()).toEqual([`upsert customer:${CUSTOMER_IDS.ivanova}`, `upsert payment:${PAYMENT_ID}`]);
    newManager.apply(came);
    expect(newManager.entities('customer')).toEqual([CUSTOMER_IDS.ivanova, CUSTOMER_IDS.petrov].sort());

    // The operator still holds her (open conversation) and sees the new manager.
    const changed = await h.pull(await h.token(LOGINS.operator), operator.cursor);
    expect(changed.changes).toEqual([expect.objectContaining({ op: 'upsert', id: CUSTOMER_IDS.ivanova, data: expect.objectContaining({ personalManagerId: AGENT_IDS.other_manager }) })]);

    for (const [agentId, replica] of [[AGENT_IDS.personal_manager, oldManager], [AGENT_IDS.other_manager, newManager]] as const) {
      expect(replica.data()).toEqual(await expectedReplica(h.database.db, agentId, SCOPE));
    }
  });
});
