// Push: each mutation applied once in seq order; a resend is a duplicate; a gap is refused until the
// missing ones come; a refusal names its reason and still advances last_seq; a client id belongs to
// one agent; changes reach the feed of every agent holding the customer, and so do PATCH edits.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, apiPath, INCOMPATIBLE_CLIENT, MAX_PUSH_BATCH, PROTOCOL_HEADER, PROTOCOL_VERSION, ServerErrorBody, SYNC_API, SYNC_PROTOCOL_VERSION, type Role } from '../../../contract/index.ts';
import { ARTICLE_ID, CUSTOMER_IDS, LOGINS } from './fixtures.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { SyncReplica } from './sync-replica.ts';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ now: new Date('2025-01-20T12:00:00.000Z') });
});
afterAll(async () => {
  await h?.close();
});

const feedback = (seq: number, verdict: 'helped' | 'outdated' = 'helped') => ({ seq, name: 'article.feedback' as const, args: { articleId: ARTICLE_ID, verdict } });
const contacts = (seq: number, args: Record<string, unknown>) => ({ seq, name: 'customer.updateContacts' as const, args });
const tokenOf = (role: Role) => h.token(LOGINS[role]);

async function feedbackCount(): Promise<number> {
  const r = await h.database.db.selectFrom('article_feedback').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
async function customer(id: string) {
  return h.database.db.selectFrom('customers').select(['phones', 'emails']).where('id', '=', id).executeTakeFirstOrThrow();
}

describe('push', () => {
  it('applies once; a resend is a duplicate; a gap is refused until the missing seq comes', async () => {
    const token = await tokenOf('operator');
    const clientId = randomUUID();
    const n = await feedbackCount();
    expect(await h.push(token, { clientId, mutations: [feedback(1), feedback(2, 'outdated')] })).toEqual({
      results: [{ seq: 1, status: 'applied' }, { seq: 2, status: 'applied' }], lastSeq: 2,
    });
    expect(await h.push(token, { clientId, mutations: [feedback(2), feedback(3)] })).toEqual({
      results: [{ seq: 2, status: 'duplicate' }, { seq: 3, status: 'applied' }], lastSeq: 3,
    });
    const gap = await h.push(token, { clientId, mutations: [feedback(5), feedback(6)] });
    expect(gap.lastSeq).toBe(3);
    expect(gap.results).toEqual([
      { seq: 5, status: 'rejected', error: expect.objectContaining({ code: 'invalid_input', field: 'mutations.0.seq', message: expect.stringMatching(/resend from 4/) }) },
      { seq: 6, status: 'rejected', error: expect.objectContaining({ code: 'invalid_input', field: 'mutations.1.seq' }) },
    ]);
    expect(await h.push(token, { clientId, mutations: [feedback(4), feedback(5), feedback(6)] })).toMatchObject({ lastSeq: 6 });
    expect(await feedbackCount()).toBe(n + 6);
  });

  it('a refused mutation names the field, advances last_seq, changes nothing, and a resend gets the same answer', async () => {
    const token = await tokenOf('operator');
    const clientId = randomUUID();
    const before = await customer(CUSTOMER_IDS.semenov);
    const bad = contacts(1, { customerId: CUSTOMER_IDS.semenov, phones: ['8 (916) 555-44-33', '12'] });
    const first = await h.push(token, { clientId, mutations: [bad, feedback(2)] });
    expect(first.lastSeq).toBe(2);
    expect(first.results[0]).toEqual({ seq: 1, status: 'rejected', error: expect.objectContaining({ code: 'invalid_input', field: 'mutations.0.args.phones.1' }) });
    expect(first.results[1]).toEqual({ seq: 2, status: 'applied' });
    expect(await customer(CUSTOMER_IDS.semenov)).toEqual(before);
    const again = await h.push(token, { clientId, mutations: [bad] });
    expect(again).toEqual({ results: [first.results[0]], lastSeq: 2 });
  });

  it.each([
    ['a malformed customer id', { customerId: 'nope' }, 'mutations.0.args.customerId'],
    ['an unknown argument', { customerId: CUSTOMER_IDS.semenov, fax: '1' }, 'mutations.0.args.fax'],
    ['a wrong type', { customerId: CUSTOMER_IDS.semenov, emails: 'a@b.ru' }, 'mutations.0.args.emails'],
    ['a bad e-mail', { customerId: CUSTOMER_IDS.semenov, emails: ['not-mail'] }, 'mutations.0.args.emails.0'],
  ])('invalid arguments: %s → rejected naming %s', async (_name, args, field) => {
    const r = await h.push(await tokenOf('operator'), { clientId: randomUUID(), mutations: [contacts(1, args)] });
    expect(r).toEqual({ results: [{ seq: 1, status: 'rejected', error: expect.objectContaining({ code: 'invalid_input', field }) }], lastSeq: 1 });
  });

  it('refuses what the agent may not do: outside the portfolio, a role that may not edit, a missing record', async () => {
    const before = await customer(CUSTOMER_IDS.petrov);
    const manager = await h.push(await tokenOf('personal_manager'), { clientId: randomUUID(), mutations: [contacts(1, { customerId: CUSTOMER_IDS.petrov, emails: ['x@example.ru'] })] });
    expect(manager.results[0]).toEqual({ seq: 1, status: 'rejected', error: expect.objectContaining({ code: 'forbidden', field: 'mutations.0.args.customerId' }) });
    const quality = await h.push(await tokenOf('quality_manager'), { clientId: randomUUID(), mutations: [contacts(1, { customerId: CUSTOMER_IDS.petrov, emails: ['x@example.ru'] })] });
    expect(quality.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect(await customer(CUSTOMER_IDS.petrov)).toEqual(before);
    const missing = await h.push(await tokenOf('admin'), { clientId: randomUUID(), mutations: [{ seq: 1, name: 'article.feedback', args: { articleId: randomUUID(), verdict: 'helped' } }] });
    expect(missing.results[0]).toMatchObject({ status: 'rejected', error: { code: 'not_found', field: 'mutations.0.args.articleId' } });
  });

  it("another agent's client id is refused (403) and nothing changes", async () => {
    const clientId = randomUUID();
    await h.push(await tokenOf('operator'), { clientId, mutations: [feedback(1)] });
    const n = await feedbackCount();
    const r = await h.post(SYNC_API.push, await tokenOf('supervisor'), { protocol: SYNC_PROTOCOL_VERSION, clientId, mutations: [feedback(2)] });
    expect(r.statusCode).toBe(403);
    expect(ServerErrorBody.parse(r.json()).error.code).toBe('forbidden');
    expect(await feedbackCount()).toBe(n);
    const owner = await h.database.db.selectFrom('sync_clients').selectAll().where('client_id', '=', clientId).executeTakeFirstOrThrow();
    expect(owner.last_seq).toBe(1);
  });

  it('two pushes of one batch at once apply each mutation exactly once', async () => {
    const token = await tokenOf('operator');
    const clientId = randomUUID();
    const n = await feedbackCount();
    const batch = { clientId, mutations: [1, 2, 3, 4, 5].map((s) => feedback(s)) };
    const [a, b] = await Promise.all([h.push(token, batch), h.push(token, batch)]);
    expect(await feedbackCount()).toBe(n + 5);
    for (let i = 0; i < 5; i++) expect([a.results[i]!.status, b.results[i]!.status].sort()).toEqual(['applied', 'duplicate']);
  });
});

describe('changes reach the feed', () => {
  it('updateContacts: normalised, audited, and sent to every agent holding the customer', async () => {
    const replicas = { operator: new SyncReplica(), personal_manager: new SyncReplica(), other: new SyncReplica() };
    await h.drain(await tokenOf('operator'), replicas.operator);
    await h.drain(await tokenOf('personal_manager'), replicas.personal_manager);
    await h.drain(await h.token('manager2'), replicas.other);

    const r = await h.push(await tokenOf('personal_manager'), {
      clientId: randomUUID(),
      mutations: [contacts(1, { customerId: CUSTOMER_IDS.ivanova, phones: ['8 (916) 765-43-21'], emails: ['new@example.ru', 'new@example.ru'] })],
    });
    expect(r.results).toEqual([{ seq: 1, status: 'applied' }]);
    expect(await customer(CUSTOMER_IDS.ivanova)).toEqual({ phones: ['+79167654321'], emails: ['new@example.ru'] });
    const audit = await h.database.db.selectFrom('audit_log').selectAll().where('target_id', '=', CUSTOMER_IDS.ivanova).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'customer_updated', fields: ['phones', 'emails'] });

    for (const role of ['operator', 'personal_manager'] as const) {
      const page = await h.pull(await tokenOf(role), replicas[role].cursor);
      expect(page.changes).toEqual([expect.objectContaining({ op: 'upsert', entity: 'customer', id: CUSTOMER_IDS.ivanova, data: expect.objectContaining({ phones: ['+79167654321'] }) })]);
    }
    expect((await h.pull(await h.token('manager2'), replicas.other.cursor)).changes).toEqual([]);
  });

  it('the PATCH route puts its change in the feed too', async () => {
    const token = await tokenOf('operator');
    const replica = new SyncReplica();
    await h.drain(token, replica);
    const patch = await h.app.inject({
      method: 'PATCH', url: apiPath(API.customer, { id: CUSTOMER_IDS.ivanova }),
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` }, payload: { emails: ['patched@example.ru'] },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const page = await h.pull(token, replica.cursor);
    expect(page.changes).toEqual([expect.objectContaining({ entity: 'customer', id: CUSTOMER_IDS.ivanova, data: expect.objectContaining({ emails: ['patched@example.ru'] }) })]);
  });
});

describe('bad push requests change nothing', () => {
  const p = SYNC_PROTOCOL_VERSION;
  const clientId = '70000000-0000-4000-8000-000000000001';
  it.each([
    ['truncated JSON', `{"protocol":1,"clientId":"${clientId}","mutations":[{"seq":1,`, 400, 'invalid_input', 'body'],
    ['an unknown mutation', { protocol: p, clientId, mutations: [{ seq: 1, name: 'customer.delete', args: {} }] }, 400, 'invalid_input', 'mutations.0.name'],
    ['seq as a string', { protocol: p, clientId, mutations: [{ seq: '1', name: 'article.feedback', args: {} }] }, 400, 'invalid_input', 'mutations.0.seq'],
    ['seq 0', { protocol: p, clientId, mutations: [{ seq: 0, name: 'article.feedback', args: {} }] }, 400, 'invalid_input', 'mutations.0.seq'],
    ['an unknown key', { protocol: p, clientId, mutations: [feedback(1)], force: true }, 400, 'invalid_input', 'force'],
    ['an unknown key in a mutation', { protocol: p, clientId, mutations: [{ ...feedback(1), at: 'now' }] }, 400, 'invalid_input', 'mutations.0.at'],
    ['a malformed client id', { protocol: p, clientId: 'me', mutations: [feedback(1)] }, 400, 'invalid_input', 'clientId'],
    ['no mutations', { protocol: p, clientId, mutations: [] }, 400, 'invalid_input', 'mutations'],
    [`${MAX_PUSH_BATCH * 10 + 1} mutations`, { protocol: p, clientId, mutations: Array.from({ length: MAX_PUSH_BATCH * 10 + 1 }, (_, i) => feedback(i + 1)) }, 400, 'invalid_input', 'mutations'],
    ['another protocol', { protocol: p + 1, clientId, mutations: [feedback(1)] }, 426, INCOMPATIBLE_CLIENT, 'protocol'],
  ])('%s → %i %s', async (_name, body, status, code, field) => {
    const n = await feedbackCount();
    const r = await h.post(SYNC_API.push, await tokenOf('operator'), body);
    expect(r.statusCode, r.body).toBe(status);
    expect(ServerErrorBody.parse(r.json()).error).toMatchObject({ code, field });
    expect(await feedbackCount()).toBe(n);
    expect(await h.database.db.selectFrom('sync_clients').select('client_id').where('client_id', '=', clientId).executeTakeFirst()).toBeUndefined();
  });
});
