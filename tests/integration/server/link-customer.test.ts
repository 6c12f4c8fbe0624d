// A conversation linked to its customer by hand (conversation.linkCustomer): by the assignee (or a
// supervisor), refused to others and for an unknown customer; the customer, with their payment,
// comes into the assignee's replica and leaves it when the link changes; the feed ends where a full
// scope refresh would; and the sender's next conversation from that address is linked by itself.
// A customer matched by a later message of an open conversation comes into the replica the same way.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationName, MutationResult, PultError } from '../../../contract/index.ts';
import { ingestInbound } from '../../../server/src/channels/ingest.ts';
import { refreshScope } from '../../../server/src/sync/scope.ts';
import { withSyncedTransaction } from '../../../server/src/sync/synced-transaction.ts';
import { AGENT_IDS, CUSTOMER_IDS, fixtureData, LOGINS, PASSWORD } from './fixtures.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { SyncReplica } from './sync-replica.ts';

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const OPERATOR2 = '00000000-0000-4000-8000-0000000000e1';
const CONV = '40000000-0000-4000-8000-0000000000e1';
/** The operator's open letter from an address no customer had when it came. */
const LATER = '40000000-0000-4000-8000-0000000000e2';
const LATER_ADDRESS = 'novy.adres@example.org';
const ADDRESS = 'neizvestny@example.org';
const PAY_SEMENOV = '30000000-0000-4000-8000-0000000000e1';

function data() {
  const d = fixtureData();
  d.agents.push({ id: OPERATOR2, login: 'operator2', displayName: 'Оператор Глеб', role: 'operator', siteId: 'msk', password: PASSWORD });
  d.conversations.push({
    id: CONV, channel: 'email', customerId: null, externalAddress: ADDRESS, subject: 'Нет интернета', status: 'open', category: null,
    assigneeId: AGENT_IDS.operator, createdAt: ago(1), updatedAt: ago(1),
  }, {
    id: LATER, channel: 'email', customerId: null, externalAddress: LATER_ADDRESS, subject: 'Счёт', status: 'open', category: null,
    assigneeId: AGENT_IDS.operator, createdAt: ago(1), updatedAt: ago(1),
  });
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
async function push(login: string, call: Call): Promise<MutationResult> {
  const r = await h.push(await h.token(login), { clientId: randomUUID(), mutations: [{ seq: 1, name: call[0], args: call[1] }] });
  return r.results[0]!;
}
async function applied(login: string, call: Call): Promise<void> {
  const r = await push(login, call);
  expect(r.status, JSON.stringify(r)).toBe('applied');
}
async function refused(login: string, call: Call): Promise<PultError> {
  const before = await lastVersion();
  const r = await push(login, call);
  expect(r.status, JSON.stringify(r)).toBe('rejected');
  expect(await lastVersion()).toBe(before);
  return (r as Extract<MutationResult, { status: 'rejected' }>).error;
}
const link = (customerId: string | null): Call => ['conversation.linkCustomer', { conversationId: CONV, customerId }];
const customerOf = async (id: string) => (await h.database.db.selectFrom('conversations').select('customer_id').where('id', '=', id).executeTakeFirstOrThrow()).customer_id;
const fullRefreshFinds = () => refreshScope(h.database.db, 'all', { now: new Date(), scopeDays: 14 });
const replica = new SyncReplica();
const pull = async () => h.drain(await h.token(LOGINS.operator), replica);

describe('linking a conversation to its customer by hand', () => {
  it('is refused to a colleague, a role that does not handle conversations, and for an unknown customer', async () => {
    expect(await refused('operator2', link(CUSTOMER_IDS.semenov))).toMatchObject({ code: 'conflict', field: 'mutations.0.args.conversationId' });
    expect(await refused(LOGINS.personal_manager, link(CUSTOMER_IDS.semenov))).toMatchObject({ code: 'forbidden' });
    expect(await refused(LOGINS.operator, link(randomUUID()))).toMatchObject({ code: 'not_found', field: 'mutations.0.args.customerId' });
    expect(await refused(LOGINS.operator, ['conversation.linkCustomer', { conversationId: CONV, customerId: 'semenov' }])).toMatchObject({ code: 'invalid_input' });
    expect(await customerOf(CONV)).toBeNull();
  });

  it('the assignee links it: the customer and their payment come into the replica with the conversation', async () => {
    await pull();
    expect(replica.rows.has(`customer:${CUSTOMER_IDS.semenov}`)).toBe(false);
    await applied(LOGINS.operator, link(CUSTOMER_IDS.semenov));
    expect(await customerOf(CONV)).toBe(CUSTOMER_IDS.semenov);
    await pull();
    expect(replica.rows.get(`conversation:${CONV}`)?.data).toMatchObject({ customerId: CUSTOMER_IDS.semenov });
    expect(replica.rows.has(`customer:${CUSTOMER_IDS.semenov}`)).toBe(true);
    expect(replica.rows.has(`payment:${PAY_SEMENOV}`)).toBe(true);
    expect(await fullRefreshFinds()).toEqual({ upserts: 0, deletes: 0 });
    // The same again writes nothing.
    const before = await lastVersion();
    await applied(LOGINS.operator, link(CUSTOMER_IDS.semenov));
    expect(await lastVersion()).toBe(before);
  });

  it('a supervisor corrects the link: the first customer leaves the replica, the right one comes', async () => {
    await applied(LOGINS.supervisor, link(CUSTOMER_IDS.petrov));
    await pull();
    expect(replica.rows.get(`conversation:${CONV}`)?.data).toMatchObject({ customerId: CUSTOMER_IDS.petrov });
    expect(replica.rows.has(`customer:${CUSTOMER_IDS.petrov}`)).toBe(true);
    expect(replica.rows.has(`customer:${CUSTOMER_IDS.semenov}`)).toBe(false);
    expect(replica.rows.has(`payment:${PAY_SEMENOV}`)).toBe(false);
    expect(await fullRefreshFinds()).toEqual({ upserts: 0, deletes: 0 });
  });

  it('the sender\'s next conversation from that address is linked to the same customer', async () => {
    await applied(LOGINS.operator, ['conversation.setStatus', { conversationId: CONV, status: 'resolved' }]);
    const r = await withSyncedTransaction(h.database.db, (trx) =>
      ingestInbound(trx, { channel: 'email', channelMessageId: `<${randomUUID()}@example.org>`, externalAddress: ADDRESS, body: 'Снова нет связи', sentAt: new Date(), contact: { emails: [ADDRESS] }, files: [], subject: 'Снова', thread: 'new' }, new Date()),
    );
    expect(r).toMatchObject({ status: 'stored', newConversation: true });
    expect(await customerOf((r as { conversationId: string }).conversationId)).toBe(CUSTOMER_IDS.petrov);
  });

  it('a later letter of an open conversation that now matches a customer links them, and brings them into the replica', async () => {
    await pull();
    expect(replica.rows.has(`customer:${CUSTOMER_IDS.semenov}`)).toBe(false);
    // The customer's e-mail is on file now (written at the office, say).
    await h.database.db.updateTable('customers').set({ emails: [LATER_ADDRESS] }).where('id', '=', CUSTOMER_IDS.semenov).execute();
    const r = await withSyncedTransaction(h.database.db, (trx) =>
      ingestInbound(trx, { channel: 'email', channelMessageId: `<${randomUUID()}@example.org>`, externalAddress: LATER_ADDRESS, body: 'Ещё вопрос по счёту', sentAt: new Date(), contact: { emails: [LATER_ADDRESS] }, files: [], subject: 'Re: Счёт', thread: { conversationId: LATER } }, new Date()),
    );
    expect(r).toMatchObject({ status: 'stored', conversationId: LATER, newConversation: false });
    expect(await customerOf(LATER)).toBe(CUSTOMER_IDS.semenov);
    await pull();
    expect(replica.rows.get(`conversation:${LATER}`)?.data).toMatchObject({ customerId: CUSTOMER_IDS.semenov });
    expect(replica.rows.has(`customer:${CUSTOMER_IDS.semenov}`)).toBe(true);
    expect(replica.rows.has(`payment:${PAY_SEMENOV}`)).toBe(true);
    expect(await fullRefreshFinds()).toEqual({ upserts: 0, deletes: 0 });
  });
});
