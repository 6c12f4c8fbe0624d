// The Phone feature's reads from the replica: the agent's own calls, newest first, with calls and
// wrap-ups still in the outbox shown at once (pending); filters and search; missed calls not yet
// seen; open callback tasks, including one promised in a queued wrap-up; active wrap-up codes.
import { describe, expect, it } from 'vitest';
import { call, customer, task, wrapUpCode, uuid } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { openStore, up } from '../customers/helpers.ts';

const ME = uuid('agent', 1);
const at = (h: number) => new Date(Date.UTC(2026, 10, 26, h)).toISOString();

function filled() {
  const s = openStore();
  const mine = (i: number, over: object) => ({ ...call(i), agentId: ME, ...over });
  const rows = [
    up('customer', customer(1), 1),
    up('customer', customer(2), 2),
    up('call', mine(1, { customerId: customer(1).id, direction: 'in', result: 'answered', startedAt: at(9), number: '+74956428585' }), 3),
    up('call', mine(2, { customerId: customer(2).id, direction: 'in', result: 'missed', answeredAt: null, startedAt: at(10), number: '+79161112233' }), 4),
    up('call', mine(3, { customerId: null, direction: 'out', result: 'answered', startedAt: at(11), number: '+79035556677' }), 5),
    up('call', { ...call(4), agentId: uuid('agent', 2), startedAt: at(12) }, 6), // a colleague's
    up('task', { ...task(1), assigneeId: ME, status: 'open', doneAt: null, dueAt: at(20), customerId: customer(2).id }, 7),
    up('task', { ...task(2), assigneeId: ME, status: 'open', doneAt: null, dueAt: at(15) }, 8),
    up('wrap_up_code', { ...wrapUpCode(1), id: 'tech.no-connection', category: 'technical', active: true, sort: 20 }, 9),
    up('wrap_up_code', { ...wrapUpCode(2), id: 'fin.balance', category: 'financial', active: true, sort: 10 }, 10),
    up('wrap_up_code', { ...wrapUpCode(3), id: 'conn.request', category: 'connection', active: false, sort: 10 }, 11),
  ];
  s.store.applyPullPage({ after: '0', body: pageBody(rows, '11') });
  return s;
}

describe('call history', () => {
  it('lists the agent\'s own calls, newest first, with the customer\'s name', () => {
    const { store } = filled();
    const h = store.callHistory({ agentId: ME, filter: 'all' });
    expect(h.items.map((i) => i.call.id)).toEqual([call(3).id, call(2).id, call(1).id]);
    expect(h.items.map((i) => i.customerName)).toEqual([null, customer(2).fullName, customer(1).fullName]);
    expect(h.items.every((i) => !i.pending)).toBe(true);
  });

  it('filters missed, incoming, outgoing, and searches by digits or name', () => {
    const { store } = filled();
    const ids = (f: Parameters<typeof store.callHistory>[0]) => store.callHistory(f).items.map((i) => i.call.id);
    expect(ids({ agentId: ME, filter: 'missed' })).toEqual([call(2).id]);
    expect(ids({ agentId: ME, filter: 'out' })).toEqual([call(3).id]);
    expect(ids({ agentId: ME, filter: 'in' })).toEqual([call(2).id, call(1).id]);
    expect(ids({ agentId: ME, filter: 'all', query: '8 (495) 642' })).toEqual([call(1).id]);
    const surname = customer(2).fullName.split(' ')[0]!.toLocaleUpperCase('ru');
    expect(ids({ agentId: ME, filter: 'all', query: surname })).toEqual([call(2).id]);
  });

  it('shows a call logged and wrapped up offline at once, pending, with its wrap-up', () => {
    const { store } = filled();
    const callId = '10000000-0000-4000-8000-00000000abcd';
    store.enqueue({ name: 'call.log', args: { callId, direction: 'in', number: '+74842567890', customerId: customer(1).id, startedAt: at(13), answeredAt: at(13), endedAt: at(14), result: 'answered', ivrChoice: '2' } });
    store.enqueue({ name: 'call.wrapUp', args: { callId, conversationId: uuid('conversation', 77), codeId: 'tech.no-connection', result: 'callback_needed', note: 'Перезвонить', followUp: { taskId: uuid('task', 99), dueAt: at(16), note: 'Проверить линию' } } });
    // And a wrap-up of a call already synced.
    store.enqueue({ name: 'call.wrapUp', args: { callId: call(1).id, conversationId: uuid('conversation', 78), codeId: 'fin.balance', result: 'resolved', note: '' } });
    const h = store.callHistory({ agentId: ME, filter: 'all' });
    expect(h.items[0]).toMatchObject({ pending: true, customerName: customer(1).fullName, call: { id: callId, agentId: ME, wrapUp: { codeId: 'tech.no-connection', category: 'technical', result: 'callback_needed' } } });
    expect(h.items.find((i) => i.call.id === call(1).id)).toMatchObject({ pending: true, call: { wrapUp: { codeId: 'fin.balance', category: 'financial' } } });
    // The promised callback is in the task list already, in due order.
    const tasks = store.taskList({ agentId: ME });
    expect(tasks.map((t) => [t.task.id, t.pending])).toEqual([[uuid('task', 2), false], [uuid('task', 99), true], [uuid('task', 1), false]]);
    expect(tasks[1]!.task).toMatchObject({ customerId: customer(1).id, number: '+74842567890', note: 'Проверить линию', status: 'open' });
  });

  it('counts missed calls until the history is seen', () => {
    const { store } = filled();
    expect(store.callHistory({ agentId: ME, filter: 'all' }).missedUnseen).toBe(1);
    store.markCallsSeen();
    expect(store.callHistory({ agentId: ME, filter: 'all' }).missedUnseen).toBe(0);
  });

  it('marks a task whose completion is queued as pending', () => {
    const { store } = filled();
    store.enqueue({ name: 'task.complete', args: { taskId: uuid('task', 1) } });
    expect(store.taskList({ agentId: ME }).find((t) => t.task.id === uuid('task', 1))?.pending).toBe(true);
  });
});

describe('wrap-up codes', () => {
  it('offers the active codes by category and order', () => {
    const { store } = filled();
    expect(store.wrapUpCodes().map((c) => c.id)).toEqual(['fin.balance', 'tech.no-connection']);
  });
});
