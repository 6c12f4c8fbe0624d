// A prospect's connection request through the outbox: applied once however often it is pushed,
// refused naming the field (an apartment building without the flat's number, a tariff of the other
// connection type or none at all) with nothing written, in its creator's replica after a pull (and
// in nobody else's), and listed for supervisors and quality — not for operators.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONNECTION_REQUESTS_PATH,
  ConnectionRequestListResponse,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type ConnectionRequestCreate,
  type Role,
} from '../../../contract/index.ts';
import { AGENT_IDS, LOGINS } from './fixtures.ts';
import { startSyncHarness, type SyncHarness } from './sync-harness.ts';
import { key, SyncReplica } from './sync-replica.ts';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness({ now: new Date() });
});
afterAll(async () => {
  await h?.close();
});

const tokenOf = (role: Role) => h.token(LOGINS[role]);

function requestArgs(over: Partial<ConnectionRequestCreate> = {}): ConnectionRequestCreate {
  return {
    requestId: randomUUID(), phone: '+74951112233', contactName: 'Ольга Сергеевна Миронова', connectionType: 'apartment_ethernet',
    address: { region: 'Москва', city: 'Москва', street: 'Профсоюзная улица', house: '43к2', apartment: '118' },
    tariffId: 'home-100', preferredTime: 'в будни после 18:00', comment: 'Нужен роутер в аренду', callId: randomUUID(),
    createdAt: new Date(Date.now() - 60_000).toISOString(), ...over,
  };
}

const push = async (role: Role, clientId: string, mutations: Array<{ seq: number; args: unknown }>) =>
  (await h.push(await tokenOf(role), { clientId, mutations: mutations.map((m) => ({ seq: m.seq, name: 'connectionRequest.create' as const, args: m.args })) })).results;

const countRequests = async () => Number((await h.database.db.selectFrom('connection_requests').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

const list = async (role: Role, query = '') =>
  h.app.inject({
    method: 'GET', url: `${CONNECTION_REQUESTS_PATH}${query}`,
    headers: { authorization: `Bearer ${await tokenOf(role)}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
  });

describe('connectionRequest.create', () => {
  it('is created once even when pushed twice (a lost answer, then a reinstalled client), with status new', async () => {
    const args = requestArgs();
    const clientId = randomUUID();
    const before = await countRequests();
    expect(await push('operator', clientId, [{ seq: 1, args }])).toEqual([{ seq: 1, status: 'applied' }]);
    // The same outbox entry again (the answer was lost): the server knows the seq.
    expect(await push('operator', clientId, [{ seq: 1, args }])).toEqual([{ seq: 1, status: 'duplicate' }]);
    // The same request from another outbox: the id is known, nothing happens twice.
    expect(await push('operator', randomUUID(), [{ seq: 1, args }])).toEqual([{ seq: 1, status: 'applied' }]);
    expect(await countRequests()).toBe(before + 1);
    const row = await h.database.db.selectFrom('connection_requests').selectAll().where('id', '=', args.requestId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      created_by: AGENT_IDS.operator, status: 'new', phone: args.phone, connection_type: 'apartment_ethernet', address_apartment: '118', tariff_id: 'home-100',
    });
    expect(new Date(row.created_at).toISOString()).toBe(args.createdAt);
  });

  it('a private house, without an apartment and without a tariff yet, is taken too', async () => {
    const args = requestArgs({
      connectionType: 'private_house', tariffId: null, preferredTime: null, comment: '',
      address: { region: 'Калужская область', city: 'Обнинск', street: 'улица Лесная', house: '7', apartment: null },
    });
    expect(await push('operator', randomUUID(), [{ seq: 1, args }])).toEqual([{ seq: 1, status: 'applied' }]);
  });

  it.each([
    ['an apartment building without the apartment number', { address: { region: 'Москва', city: 'Москва', street: 'Тверская улица', house: '1', apartment: null } }, 'invalid_input', 'address.apartment', /apartment building needs the apartment number/],
    ['a private house with an apartment number', { connectionType: 'private_house' as const, tariffId: 'house-200' }, 'invalid_input', 'address.apartment', /private house has no apartment number/],
    ['a tariff for private houses in an apartment building', { tariffId: 'house-200' }, 'invalid_input', 'tariffId', /«Частный дом 200» is for private houses, not apartment buildings/],
    ['a tariff that is not in the catalogue', { tariffId: 'no-such-tariff' }, 'not_found', 'tariffId', /no such tariff/],
    ['a phone that is not a number', { phone: '8 495 111' }, 'invalid_input', 'phone', /E\.164/],
  ] as const)('refuses %s, naming the field, and writes nothing', async (_what, over, code, field, message) => {
    const before = await countRequests();
    const [r] = await push('operator', randomUUID(), [{ seq: 1, args: requestArgs(over) }]);
    expect(r).toMatchObject({ status: 'rejected', error: { code, field: `mutations.0.args.${field}` } });
    expect(r?.status === 'rejected' && r.error.message).toMatch(message);
    expect(await countRequests()).toBe(before);
  });

  it('refuses a role without a phone (quality)', async () => {
    const [r] = await push('quality_manager', randomUUID(), [{ seq: 1, args: requestArgs() }]);
    expect(r).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
  });

  it('reaches its creator\'s replica through the pull, and nobody else\'s', async () => {
    const operator = new SyncReplica();
    const manager = new SyncReplica();
    const [opToken, mgrToken] = [await tokenOf('operator'), await tokenOf('personal_manager')];
    await h.drain(opToken, operator);
    await h.drain(mgrToken, manager);
    const args = requestArgs({ phone: '+74842123456', address: { region: 'Калужская область', city: 'Калуга', street: 'улица Кирова', house: '19', apartment: '7' } });
    expect(await push('operator', randomUUID(), [{ seq: 1, args }])).toEqual([{ seq: 1, status: 'applied' }]);
    await h.drain(opToken, operator);
    await h.drain(mgrToken, manager);
    const { requestId, ...fields } = args;
    expect(operator.data().get(key('connection_request', requestId))).toEqual({ id: requestId, ...fields, createdBy: AGENT_IDS.operator, status: 'new' });
    expect(manager.data().has(key('connection_request', requestId))).toBe(false);
  });
});

describe(`GET ${CONNECTION_REQUESTS_PATH}`, () => {
  it('lists the requests for a supervisor and quality, newest first, with who took them', async () => {
    const args = requestArgs({ createdAt: new Date().toISOString(), contactName: 'Пётр Ильич Соколов' });
    expect(await push('operator', randomUUID(), [{ seq: 1, args }])).toEqual([{ seq: 1, status: 'applied' }]);
    for (const role of ['supervisor', 'quality_manager', 'admin'] as const) {
      const res = await list(role);
      expect(res.statusCode, res.body).toBe(200);
      const body = ConnectionRequestListResponse.parse(res.json());
      expect(body.items[0]).toMatchObject({ request: { id: args.requestId, contactName: 'Пётр Ильич Соколов', status: 'new', createdBy: AGENT_IDS.operator }, createdByName: 'Оператор Анна' });
      const times = body.items.map((i) => i.request.createdAt);
      expect(times).toEqual([...times].sort().reverse());
    }
    const mine = ConnectionRequestListResponse.parse((await list('supervisor', `?createdBy=${AGENT_IDS.personal_manager}`)).json());
    expect(mine.items).toEqual([]);
  });

  it('is not for an operator or a personal manager, and refuses a bad filter naming it', async () => {
    expect((await list('operator')).statusCode).toBe(403);
    expect((await list('personal_manager')).statusCode).toBe(403);
    const bad = await list('supervisor', '?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_input', field: 'status' } });
  });
});
