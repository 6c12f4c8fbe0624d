// The mutations an operator makes during a call: an extra service switched on/off, a note (or a
// script path) in a conversation. Each is applied once, checked, audited, and reaches the replicas
// of the agents who hold the customer or the conversation — and nobody else's.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contract/index.ts';
import { CUSTOMER_IDS, LOGINS } from './fixtures.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { SyncReplica } from './sync-replica.ts';

const CONVERSATION = '40000000-0000-4000-8000-000000000001';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ now: new Date('2025-01-20T12:00:00.000Z') });
});
afterAll(async () => {
  await h?.close();
});

const tokenOf = (role: Role) => h.token(LOGINS[role]);
const services = async (id: string) =>
  (await h.database.db.selectFrom('customer_extra_services').select('extra_service_id').where('customer_id', '=', id).orderBy('extra_service_id').execute()).map((r) => r.extra_service_id);
const setService = (seq: number, customerId: string, serviceId: string, enabled: boolean) => ({ seq, name: 'customer.setExtraService' as const, args: { customerId, serviceId, enabled } });
const note = (seq: number, noteId: string, body: string, conversationId = CONVERSATION) => ({ seq, name: 'conversation.addNote' as const, args: { conversationId, noteId, body } });

describe('customer.setExtraService', () => {
  it('switches a service off and on, audited, sent to every agent holding the customer', async () => {
    const operator = new SyncReplica();
    const manager = new SyncReplica();
    await h.drain(await tokenOf('operator'), operator);
    await h.drain(await tokenOf('personal_manager'), manager);
    expect(await services(CUSTOMER_IDS.ivanova)).toEqual(['static-ip', 'tv']);

    const r = await h.push(await tokenOf('operator'), { clientId: randomUUID(), mutations: [setService(1, CUSTOMER_IDS.ivanova, 'tv', false)] });
    expect(r.results).toEqual([{ seq: 1, status: 'applied' }]);
    expect(await services(CUSTOMER_IDS.ivanova)).toEqual(['static-ip']);
    const audit = await h.database.db.selectFrom('audit_log').selectAll().where('target_id', '=', CUSTOMER_IDS.ivanova).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'customer_updated', fields: ['extraServices.tv.off'], actor_login: LOGINS.operator });
    for (const [role, replica] of [['operator', operator], ['personal_manager', manager]] as const) {
      const page = await h.pull(await tokenOf(role), replica.cursor);
      expect(page.changes).toEqual([expect.objectContaining({ entity: 'customer', id: CUSTOMER_IDS.ivanova, data: expect.objectContaining({ extraServiceIds: ['static-ip'] }) })]);
    }
    const back = await h.push(await tokenOf('personal_manager'), { clientId: randomUUID(), mutations: [setService(1, CUSTOMER_IDS.ivanova, 'tv', true)] });
    expect(back.results).toEqual([{ seq: 1, status: 'applied' }]);
    expect(await services(CUSTOMER_IDS.ivanova)).toEqual(['static-ip', 'tv']);
  });

  it('switching on what is on changes nothing and writes no audit entry', async () => {
    const count = async () => Number((await h.database.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    const r = await h.push(await tokenOf('operator'), { clientId: randomUUID(), mutations: [setService(1, CUSTOMER_IDS.semenov, 'tv', true)] });
    expect(r.results).toEqual([{ seq: 1, status: 'applied' }]);
    expect(await services(CUSTOMER_IDS.semenov)).toEqual(['tv']);
    expect(await count()).toBe(n);
  });

  it.each([
    ['an unknown service', 'operator', CUSTOMER_IDS.semenov, 'satellite', 'not_found', 'mutations.0.args.serviceId'],
    ['a customer outside the portfolio', 'personal_manager', CUSTOMER_IDS.petrov, 'tv', 'forbidden', 'mutations.0.args.customerId'],
    ['a missing customer', 'operator', '10000000-0000-4000-8000-0000000000ff', 'tv', 'not_found', 'mutations.0.args.customerId'],
    ['a role that may not', 'quality_manager', CUSTOMER_IDS.semenov, 'static-ip', 'forbidden', undefined],
  ] as const)('refuses %s and changes nothing', async (_name, role, customerId, serviceId, code, field) => {
    const before = await services(customerId);
    const r = await h.push(await tokenOf(role), { clientId: randomUUID(), mutations: [setService(1, customerId, serviceId, true)] });
    expect(r.results[0]).toMatchObject({ status: 'rejected', error: { code, ...(field ? { field } : {}) } });
    expect(await services(customerId)).toEqual(before);
  });
});

describe('conversation.addNote', () => {
  it('adds an internal note once, and it reaches the operator holding the conversation', async () => {
    const operator = new SyncReplica();
    await h.drain(await tokenOf('operator'), operator);
    const noteId = randomUUID();
    const body = 'Скрипт «Нет подключения»: индикатор порта не горит → кабель заменён → заработало';
    const clientId = randomUUID();
    const token = await tokenOf('operator');
    expect((await h.push(token, { clientId, mutations: [note(1, noteId, body)] })).results).toEqual([{ seq: 1, status: 'applied' }]);
    // The same note again from another device of the same operator: nothing twice.
    expect((await h.push(token, { clientId: randomUUID(), mutations: [note(1, noteId, body)] })).results).toEqual([{ seq: 1, status: 'applied' }]);
    const rows = await h.database.db.selectFrom('messages').selectAll().where('id', '=', noteId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ direction: 'internal_note', body, conversation_id: CONVERSATION });

    const page = await h.pull(token, operator.cursor);
    expect(page.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ op: 'upsert', entity: 'message', id: noteId, data: expect.objectContaining({ direction: 'internal_note', body }) }),
        expect.objectContaining({ op: 'upsert', entity: 'conversation', id: CONVERSATION }),
      ]),
    );
    // A manager without this conversation in scope gets nothing of it.
    const other = new SyncReplica();
    await h.drain(await h.token('manager2'), other);
    expect([...other.rows.keys()].some((k) => k.includes(noteId))).toBe(false);
  });

  it('refuses a reused id with other content, a missing conversation, and the admin role', async () => {
    const noteId = randomUUID();
    const token = await tokenOf('operator');
    await h.push(token, { clientId: randomUUID(), mutations: [note(1, noteId, 'первая')] });
    const r = await h.push(token, { clientId: randomUUID(), mutations: [note(1, noteId, 'другая'), note(2, randomUUID(), 'x', randomUUID())] });
    expect(r.results[0]).toMatchObject({ status: 'rejected', error: { code: 'conflict', field: 'mutations.0.args.noteId' } });
    expect(r.results[1]).toMatchObject({ status: 'rejected', error: { code: 'not_found', field: 'mutations.1.args.conversationId' } });
    const admin = await h.push(await tokenOf('admin'), { clientId: randomUUID(), mutations: [note(1, randomUUID(), 'x')] });
    expect(admin.results[0]).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    const bodies = (await h.database.db.selectFrom('messages').select('body').where('id', '=', noteId).execute()).map((m) => m.body);
    expect(bodies).toEqual(['первая']);
  });

  it('an empty or whitespace note is invalid input', async () => {
    const r = await h.push(await tokenOf('operator'), { clientId: randomUUID(), mutations: [note(1, randomUUID(), '   ')] });
    expect(r.results[0]).toMatchObject({ status: 'rejected', error: { code: 'invalid_input', field: 'mutations.0.args.body' } });
  });
});
