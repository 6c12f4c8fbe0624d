// The durable outbox: a mutation and its optimistic change are queued atomically (or not at all,
// with the bad field named); the server's answers remove (applied, duplicate) or undo (rejected,
// with the reason reported); a network failure keeps everything, sent later in order.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MutationResult } from '../../../contract/sync.ts';
import type { RejectedMutation } from '../../../electron/services/db/outbox-store.ts';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { ServiceError } from '../../../electron/services/errors.ts';
import { createOutbox, type Outbox } from '../../../electron/services/sync/outbox.ts';
import { pullAll } from '../../../electron/services/sync/puller.ts';
import { pushAll } from '../../../electron/services/sync/pusher.ts';
import { createSyncHttp, type SyncHttp } from '../../../electron/services/sync/sync-http.ts';
import { article, customer } from './data.ts';
import { startFakeSyncServer, SYNC_TOKEN, type FakeSyncServer } from './fake-sync-server.ts';
import { tempDir } from './helpers.ts';

const nextPath = tempDir();
let server: FakeSyncServer;
let db: ReplicaDb;
let outbox: Outbox;
let http: SyncHttp;
let clientId: string;

beforeAll(async () => {
  server = await startFakeSyncServer();
  for (let i = 0; i < 10; i++) server.put('customer', customer(i));
  for (let i = 0; i < 3; i++) server.put('article', article(i));
  http = createSyncHttp({ serverUrl: server.url, token: SYNC_TOKEN, timeoutMs: 3000 });
  db = await openReplica({ path: nextPath() });
  outbox = createOutbox(db);
  clientId = await db.clientId();
  await pullAll({ db, http });
});
afterAll(async () => {
  await db.close();
  await server.close();
});
beforeEach(() => {
  server.decide = (m) => ({ seq: m.seq, status: 'applied' });
  server.pushOverride = null;
});

const C = customer(1);
const phonesOf = async (id = C.id) => ((await db.getRow('customer', id))?.data as { phones: string[] }).phones;
const push = (rejected: RejectedMutation[] = [], h: Pick<SyncHttp, 'push'> = http, batchSize?: number) =>
  pushAll({ db, http: h, clientId, batchSize, onRejected: (r) => rejected.push(r) });
const update = (phones: string[], id = C.id) =>
  outbox.enqueue('customer.updateContacts', { customerId: id, phones }, { apply: [{ entity: 'customer', id, set: { phones } }] });
/** The server applies customer.updateContacts to its row, as the real one would. */
const applyOnServer = (m: { seq: number; name: string; args: unknown }): MutationResult => {
  if (m.name !== 'customer.updateContacts') return { seq: m.seq, status: 'applied' };
  const a = m.args as { customerId: string; phones?: string[]; emails?: string[] };
  const row = server.rows.get(`customer:${a.customerId}`)!.data as ReturnType<typeof customer>;
  server.put('customer', { ...row, ...(a.phones ? { phones: a.phones } : {}), ...(a.emails ? { emails: a.emails } : {}) });
  return { seq: m.seq, status: 'applied' };
};

describe('queueing', () => {
  it('refuses bad arguments naming the field, and queues nothing', async () => {
    const bad: Array<[string, unknown, string]> = [
      ['customer.updateContacts', { customerId: 'not-a-uuid' }, 'args.customerId'],
      ['customer.updateContacts', { customerId: C.id, emails: ['nobody'] }, 'args.emails.0'],
      ['customer.updateContacts', { customerId: C.id, fax: '+74950000000' }, 'args.fax'],
      ['article.feedback', { articleId: article(1).id, verdict: 'great' }, 'args.verdict'],
      ['customer.delete', {}, 'name'],
    ];
    for (const [name, args, field] of bad) {
      const err = await outbox.enqueue(name as 'article.feedback', args as never).catch((e: unknown) => e);
      expect(err, field).toBeInstanceOf(ServiceError);
      expect(err).toMatchObject({ code: 'invalid_input', field });
    }
    expect(await db.outboxCount()).toBe(0);
  });

  it('refuses an optimistic change that would break the row, naming the field; nothing queued or changed', async () => {
    const err = await update(['8 (916) 123-45-67']).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_input', field: 'apply.0.set.phones.0', message: expect.stringContaining('E.164') });
    const idChange = await outbox
      .enqueue('customer.updateContacts', { customerId: C.id }, { apply: [{ entity: 'customer', id: C.id, set: { id: customer(2).id } }] })
      .catch((e: unknown) => e);
    expect(idChange).toMatchObject({ code: 'invalid_input', field: 'apply.0.set' });
    expect(await db.outboxCount()).toBe(0);
    expect(await phonesOf()).toEqual(C.phones);
  });

  it('shows the optimistic change at once and stores the mutation, with increasing seqs', async () => {
    const a = await update(['+74951112233']);
    const b = await outbox.enqueue('article.feedback', { articleId: article(1).id, verdict: 'outdated', comment: '  Тариф давно изменился  ' });
    expect(b.seq).toBe(a.seq + 1);
    expect(a.patched).toBe(1);
    expect(await phonesOf()).toEqual(['+74951112233']);
    expect((await db.getRow('customer', C.id))?.version).toBe(server.rows.get(`customer:${C.id}`)!.version.toString());
    const queued = await db.listOutbox();
    expect(queued.map((q) => [q.seq, q.name, q.status])).toEqual([
      [a.seq, 'customer.updateContacts', 'pending'],
      [b.seq, 'article.feedback', 'pending'],
    ]);
    expect(queued[1]!.args).toEqual({ articleId: article(1).id, verdict: 'outdated', comment: 'Тариф давно изменился' });

    server.decide = applyOnServer;
    const summary = await push();
    expect(summary).toMatchObject({ settled: 2, rejected: 0 });
    expect(await db.outboxCount()).toBe(0);
    expect(await phonesOf()).toEqual(['+74951112233']); // kept until the server's row arrives…
    await pullAll({ db, http });
    expect(await db.getRow('customer', C.id)).toEqual(server.snapshot().get(`customer:${C.id}`)); // …and then it is the server's
    expect(server.pushRequests.at(-1)).toMatchObject({ protocol: 1, clientId, mutations: [{ seq: a.seq }, { seq: b.seq }] });
  });

  it('never reuses a seq, even after the outbox emptied', async () => {
    const last = server.pushRequests.at(-1)!.mutations.at(-1)!.seq;
    const next = await outbox.enqueue('article.feedback', { articleId: article(2).id, verdict: 'helped' });
    expect(next.seq).toBe(last + 1);
    await push();
  });

  it('queues a patch of a row the replica does not hold yet; it shows once the row arrives', async () => {
    const outside = customer(500);
    expect(await update(['+74959990000'], outside.id)).toMatchObject({ patched: 0 });
    expect(await db.getRow('customer', outside.id)).toBeNull();
    server.put('customer', outside); // the customer comes into this agent's scope
    await pullAll({ db, http });
    expect((await db.getRow('customer', outside.id))?.data).toEqual({ ...outside, phones: ['+74959990000'] });
    server.decide = (m) => ({ seq: m.seq, status: 'rejected', error: { code: 'not_found', message: 'нет такого абонента' } });
    await push();
    expect((await db.getRow('customer', outside.id))?.data).toEqual(outside);
  });
});

describe('answers', () => {
  it('rejected: the change is undone, the mutation removed, the reason reported', async () => {
    const before = await db.getRow('customer', C.id);
    const { seq } = await update(['+74950000001']);
    server.decide = (m) => ({ seq: m.seq, status: 'rejected', error: { code: 'conflict', message: 'контакты уже изменены другим оператором' } });
    const rejected: RejectedMutation[] = [];
    expect(await push(rejected)).toMatchObject({ settled: 0, rejected: 1 });
    expect(rejected).toEqual([
      { seq, name: 'customer.updateContacts', args: { customerId: C.id, phones: ['+74950000001'] }, error: { code: 'conflict', message: 'контакты уже изменены другим оператором' } },
    ]);
    expect(await db.getRow('customer', C.id)).toEqual(before);
    expect(await db.outboxCount()).toBe(0);
  });

  it('a pull between the edit and the rejection: the server’s news stay, only our change is undone', async () => {
    await update(['+74950000002']);
    const row = server.rows.get(`customer:${C.id}`)!.data as ReturnType<typeof customer>;
    server.put('customer', { ...row, fullName: 'Петрова Анна Сергеевна' });
    await pullAll({ db, http });
    expect((await db.getRow('customer', C.id))?.data).toMatchObject({ fullName: 'Петрова Анна Сергеевна', phones: ['+74950000002'] });
    server.decide = (m) => ({ seq: m.seq, status: 'rejected', error: { code: 'forbidden', message: 'нет прав' } });
    await push();
    expect(await db.getRow('customer', C.id)).toEqual(server.snapshot().get(`customer:${C.id}`));
  });

  it('two pending edits of one row: the first rejected, the second applied', async () => {
    const first = await update(['+74950000003']);
    const emails = ['novyi@example.ru'];
    await outbox.enqueue('customer.updateContacts', { customerId: C.id, emails }, { apply: [{ entity: 'customer', id: C.id, set: { emails } }] });
    expect((await db.getRow('customer', C.id))?.data).toMatchObject({ phones: ['+74950000003'], emails });
    server.decide = (m) => (m.seq === first.seq ? { seq: m.seq, status: 'rejected', error: { code: 'conflict', message: 'нет' } } : applyOnServer(m));
    await push();
    const data = (await db.getRow('customer', C.id))?.data as ReturnType<typeof customer>;
    expect(data.emails).toEqual(emails);
    expect(data.phones).toEqual((server.rows.get(`customer:${C.id}`)!.data as ReturnType<typeof customer>).phones);
    await pullAll({ db, http });
    expect(await db.getRow('customer', C.id)).toEqual(server.snapshot().get(`customer:${C.id}`));
  });

  it('duplicate (the first answer was lost): removed, applied once', async () => {
    const lostAnswer: Pick<SyncHttp, 'push'> = {
      push: async (req) => {
        await http.push(req);
        throw new ServiceError('server_unreachable', 'connection reset');
      },
    };
    const { seq } = await outbox.enqueue('article.feedback', { articleId: article(0).id, verdict: 'helped' });
    await expect(push([], lostAnswer)).rejects.toMatchObject({ code: 'server_unreachable' });
    expect(await db.listOutbox()).toMatchObject([{ seq, status: 'pending' }]);
    const answers: MutationResult[][] = [];
    const spy: Pick<SyncHttp, 'push'> = { push: async (req) => (await http.push(req).then((r) => (answers.push(r.results), r))) };
    await push([], spy);
    expect(answers).toEqual([[{ seq, status: 'duplicate' }]]);
    expect(await db.outboxCount()).toBe(0);
  });

  it('a rejection with a code this client does not know still settles, as internal', async () => {
    const { seq } = await outbox.enqueue('article.feedback', { articleId: article(0).id, verdict: 'helped' });
    server.pushOverride = (req) => ({ body: JSON.stringify({ results: req.mutations.map((m) => ({ seq: m.seq, status: 'rejected', error: { code: 'article_archived', message: 'статья в архиве' } })), lastSeq: seq }) });
    const rejected: RejectedMutation[] = [];
    await push(rejected);
    expect(rejected).toMatchObject([{ seq, error: { code: 'internal', message: 'article_archived: статья в архиве' } }]);
    expect(await db.outboxCount()).toBe(0);
  });

  it('an answer that settles nothing: mutations kept, no hot loop', async () => {
    await outbox.enqueue('article.feedback', { articleId: article(0).id, verdict: 'helped' });
    server.pushOverride = () => ({ body: JSON.stringify({ results: [], lastSeq: 0 }) });
    const before = server.pushRequests.length;
    await expect(push()).rejects.toMatchObject({ code: 'incompatible_server', message: expect.stringContaining('answered none of 1') });
    expect(server.pushRequests.length).toBe(before + 1);
    expect(await db.listOutbox()).toMatchObject([{ status: 'pending' }]);
    server.pushOverride = () => ({ body: '{"results": "nope"' });
    await expect(push()).rejects.toMatchObject({ code: 'incompatible_server', message: expect.stringContaining('unexpected push response') });
    server.pushOverride = null;
    await push();
    expect(await db.outboxCount()).toBe(0);
  });
});

describe('offline', () => {
  it('network down: everything kept; sent later in order, in batches', async () => {
    await server.stop();
    const seqs: number[] = [];
    for (const [i, p] of ['+74950000011', '+74950000012', '+74950000013'].entries()) seqs.push((await update([p], customer(i + 3).id)).seq);
    seqs.push((await outbox.enqueue('article.feedback', { articleId: article(2).id, verdict: 'helped' })).seq);
    await expect(push()).rejects.toMatchObject({ code: 'server_unreachable' });
    expect((await db.listOutbox()).map((q) => [q.seq, q.status])).toEqual(seqs.map((s) => [s, 'pending']));
    expect(await phonesOf(customer(5).id)).toEqual(['+74950000013']);

    await server.restart();
    const before = server.pushRequests.length;
    server.decide = applyOnServer;
    expect(await push([], http, 3)).toMatchObject({ batches: 2, settled: 4 });
    expect(server.pushRequests.slice(before).map((r) => r.mutations.map((m) => m.seq))).toEqual([seqs.slice(0, 3), seqs.slice(3)]);
    await pullAll({ db, http });
    expect(await db.getRow('customer', customer(5).id)).toEqual(server.snapshot().get(`customer:${customer(5).id}`));
  });

  it('a batch in flight when the process died is sent again after a restart, with the same client id', async () => {
    const { seq } = await outbox.enqueue('article.feedback', { articleId: article(1).id, verdict: 'helped' });
    expect(await db.takeBatch(10)).toMatchObject([{ seq }]);
    expect(await db.listOutbox()).toMatchObject([{ seq, status: 'sent' }]);
    await db.close();
    await db.reopen();
    expect(await db.listOutbox()).toMatchObject([{ seq, status: 'pending' }]);
    expect(await db.clientId()).toBe(clientId);
    await push();
    expect(server.pushRequests.at(-1)).toMatchObject({ clientId, mutations: [{ seq }] });
    expect(await db.outboxCount()).toBe(0);
  });
});
