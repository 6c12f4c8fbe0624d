// What the softphone sends through the outbox: a finished call into the call history, its wrap-up
// (a new phone conversation with category and status, a callback task), a task done, and agent
// state changes with the PC's timestamps for the supervisor. Each lands once, is checked, and
// reaches the agent's replica; refusals change nothing. The harness seeds at the real clock,
// since the server's scope refresh in these mutations runs on it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentStatesResponse, API, PROTOCOL_HEADER, PROTOCOL_VERSION, type MutationName, type Role } from '../../../contract/index.ts';
import { expectedReplica } from './sync-expected.ts';
import { AGENT_IDS, CUSTOMER_IDS, LOGINS } from './fixtures.ts';
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
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const m = (seq: number, name: MutationName, args: unknown) => ({ seq, name, args }) as never;

function callArgs(over: Record<string, unknown> = {}) {
  return {
    callId: randomUUID(), direction: 'in', number: '+79161234567', customerId: CUSTOMER_IDS.ivanova,
    startedAt: minutesAgo(6), answeredAt: minutesAgo(5), endedAt: minutesAgo(1), result: 'answered', ivrChoice: '1', ...over,
  };
}

async function pushOne(role: Role, name: MutationName, args: unknown) {
  return (await h.push(await tokenOf(role), { clientId: randomUUID(), mutations: [m(1, name, args)] })).results[0]!;
}

describe('call.log', () => {
  it('puts the call into the call history and the agent\'s replica, once', async () => {
    const operator = new SyncReplica();
    const token = await tokenOf('operator');
    await h.drain(token, operator);
    const call = callArgs();
    expect(await pushOne('operator', 'call.log', call)).toEqual({ seq: 1, status: 'applied' });
    // The same call from another outbox (a reinstalled client): nothing twice.
    expect(await pushOne('operator', 'call.log', call)).toEqual({ seq: 1, status: 'applied' });
    const rows = await h.database.db.selectFrom('calls').selectAll().where('id', '=', call.callId).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agent_id: AGENT_IDS.operator, customer_id: CUSTOMER_IDS.ivanova, result: 'answered', ivr_choice: '1' });
    await h.drain(token, operator);
    expect(operator.data().get(key('call', call.callId))).toEqual({
      id: call.callId, conversationId: null, direction: 'in', agentId: AGENT_IDS.operator, number: call.number, startedAt: call.startedAt,
      answeredAt: call.answeredAt, endedAt: call.endedAt, result: 'answered', ivrChoice: '1', customerId: CUSTOMER_IDS.ivanova, wrapUp: null,
    });
  });

  it.each([
    ['the same id with other facts', 'operator', () => ({ ...callArgs({ callId: SEEDED_CALL }), number: '+74950000000' }), 'conflict', 'callId'],
    ['a customer outside the portfolio', 'personal_manager', () => callArgs({ customerId: CUSTOMER_IDS.petrov }), 'forbidden', 'customerId'],
    ['a customer that does not exist', 'operator', () => callArgs({ customerId: '10000000-0000-4000-8000-0000000000ff' }), 'not_found', 'customerId'],
    ['a role without a phone', 'quality_manager', () => callArgs(), 'forbidden', undefined],
  ] as const)('refuses %s, and writes nothing', async (_what, role, args, code, field) => {
    const before = await h.database.db.selectFrom('calls').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const r = await pushOne(role, 'call.log', args());
    expect(r).toMatchObject({ status: 'rejected', error: { code, ...(field ? { field: `mutations.0.args.${field}` } : {}) } });
    const after = await h.database.db.selectFrom('calls').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

const SEEDED_CALL = '60000000-0000-4000-8000-000000000001';

describe('call.wrapUp', () => {
  it('a new call becomes a phone conversation with its category and status, the call carries its wrap-up, a callback becomes a task', async () => {
    const operator = new SyncReplica();
    const token = await tokenOf('operator');
    const call = callArgs();
    const conversationId = randomUUID();
    const taskId = randomUUID();
    const dueAt = new Date(Date.now() + 86_400_000).toISOString();
    const clientId = randomUUID();
    const r = await h.push(token, {
      clientId,
      mutations: [
        m(1, 'call.log', call),
        m(2, 'call.wrapUp', { callId: call.callId, conversationId, codeId: 'tech.no-connection', result: 'callback_needed', note: 'Кабель повреждён в подъезде', followUp: { taskId, dueAt, note: 'Проверить после ремонта' } }),
      ],
    });
    expect(r.results).toEqual([{ seq: 1, status: 'applied' }, { seq: 2, status: 'applied' }]);
    await h.drain(token, operator);
    const data = operator.data();
    expect(data.get(key('conversation', conversationId))).toMatchObject({
      channel: 'phone', customerId: CUSTOMER_IDS.ivanova, externalAddress: call.number, status: 'open', category: 'technical', assigneeId: AGENT_IDS.operator, subject: 'Нет подключения',
    });
    expect(data.get(key('call', call.callId))).toMatchObject({
      conversationId, wrapUp: { codeId: 'tech.no-connection', category: 'technical', result: 'callback_needed', note: 'Кабель повреждён в подъезде' },
    });
    expect(data.get(key('task', taskId))).toMatchObject({
      kind: 'callback', customerId: CUSTOMER_IDS.ivanova, conversationId, number: call.number, dueAt, note: 'Проверить после ремонта', assigneeId: AGENT_IDS.operator, status: 'open', doneAt: null,
    });
    // The replica is exactly what the tables say it should be.
    expect(data).toEqual(await expectedReplica(h.database.db, AGENT_IDS.operator, { now: new Date(), scopeDays: 14 }));

    // Done: the task closes, once, and only by its assignee.
    expect(await pushOne('personal_manager', 'task.complete', { taskId })).toMatchObject({ status: 'rejected', error: { code: 'forbidden' } });
    expect((await h.push(token, { clientId, mutations: [m(3, 'task.complete', { taskId })] })).results).toEqual([{ seq: 3, status: 'applied' }]);
    await h.drain(token, operator);
    expect(operator.data().get(key('task', taskId))).toMatchObject({ status: 'done', doneAt: expect.any(String) });
  });

  it('a call of an existing conversation stays in it; a resolved wrap-up resolves it', async () => {
    const token = await tokenOf('operator');
    const conversationId = '40000000-0000-4000-8000-000000000001';
    const r = await pushOne('operator', 'call.wrapUp', { callId: SEEDED_CALL, conversationId, codeId: 'fin.payment-mistaken', result: 'resolved', note: '' });
    expect(r).toEqual({ seq: 1, status: 'applied' });
    const call = await h.database.db.selectFrom('calls').selectAll().where('id', '=', SEEDED_CALL).executeTakeFirstOrThrow();
    expect(call).toMatchObject({ conversation_id: conversationId, wrap_up_code_id: 'fin.payment-mistaken', wrap_up_category: 'financial', wrap_up_result: 'resolved' });
    const conv = await h.database.db.selectFrom('conversations').selectAll().where('id', '=', conversationId).executeTakeFirstOrThrow();
    expect(conv).toMatchObject({ status: 'resolved', category: 'financial' });
    const operator = new SyncReplica();
    await h.drain(token, operator);
    expect(operator.data().get(key('call', SEEDED_CALL))).toMatchObject({ wrapUp: { codeId: 'fin.payment-mistaken', result: 'resolved' } });
  });

  it.each([
    ['a retired code', 'operator', { codeId: 'conn.request' }, 'invalid_input', 'codeId'],
    ['an unknown code', 'operator', { codeId: 'no.such-code' }, 'not_found', 'codeId'],
    ['someone else\'s call', 'supervisor', {}, 'forbidden', 'callId'],
    ['a call never logged', 'operator', { callId: randomUUID() }, 'not_found', 'callId'],
  ] as const)('refuses %s, and changes nothing', async (_what, role, over, code, field) => {
    const call = callArgs();
    expect(await pushOne('operator', 'call.log', call)).toMatchObject({ status: 'applied' });
    const conversationId = randomUUID();
    const r = await pushOne(role, 'call.wrapUp', { callId: call.callId, conversationId, codeId: 'tech.no-connection', result: 'resolved', note: 'x', ...over });
    expect(r).toMatchObject({ status: 'rejected', error: { code, field: `mutations.0.args.${field}` } });
    expect(await h.database.db.selectFrom('conversations').select('id').where('id', '=', conversationId).executeTakeFirst()).toBeUndefined();
    const row = await h.database.db.selectFrom('calls').selectAll().where('id', '=', call.callId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ conversation_id: null, wrap_up_code_id: null });
  });
});

describe('agent.setState', () => {
  const states = async (role: Role) => {
    const r = await h.app.inject({ method: 'GET', url: API.agentStates, headers: { authorization: `Bearer ${await tokenOf(role)}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } });
    return r;
  };

  it('keeps each change with the time it happened; the supervisor sees the latest by that time', async () => {
    const clientId = randomUUID();
    const token = await tokenOf('operator');
    const lunch = { changeId: randomUUID(), state: 'not_ready', reason: 'lunch', at: minutesAgo(30) };
    const ready = { changeId: randomUUID(), state: 'ready', reason: null, at: minutesAgo(10) };
    // Queued offline and sent late, out of order in time: the newer state still wins.
    const r = await h.push(token, { clientId, mutations: [m(1, 'agent.setState', ready), m(2, 'agent.setState', lunch), m(3, 'agent.setState', ready)] });
    expect(r.results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied']);
    const rows = await h.database.db.selectFrom('agent_state_changes').selectAll().where('agent_id', '=', AGENT_IDS.operator).orderBy('at').execute();
    expect(rows.map((x) => [x.state, x.reason, new Date(x.at).toISOString()])).toEqual([['not_ready', 'lunch', lunch.at], ['ready', null, ready.at]]);
    const res = await states('supervisor');
    expect(res.statusCode).toBe(200);
    const body = AgentStatesResponse.parse(res.json());
    expect(body.states.find((s) => s.agentId === AGENT_IDS.operator)).toEqual({ agentId: AGENT_IDS.operator, state: 'ready', reason: null, since: ready.at });
    expect((await states('operator')).statusCode).toBe(403);
  });

  it.each([
    ['not ready without a reason', { state: 'not_ready', reason: null }, 'invalid_input', 'reason'],
    ['a reason with ready', { state: 'ready', reason: 'break' }, 'invalid_input', 'reason'],
    ['a time an hour ahead of the server', { at: new Date(Date.now() + 3_600_000).toISOString() }, 'invalid_input', 'at'],
  ] as const)('refuses %s', async (_what, over, code, field) => {
    const r = await pushOne('operator', 'agent.setState', { changeId: randomUUID(), state: 'ready', reason: null, at: minutesAgo(1), ...over });
    expect(r).toMatchObject({ status: 'rejected', error: { code, field: `mutations.0.args.${field}` } });
  });
});
