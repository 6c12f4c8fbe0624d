// What the operator changes during a call, against a real replica store: an extra service switched
// (the card shows it at once, a refusal puts it back), a note queued in a conversation (shown as
// waiting until the server has it), and the conversations listed open first.
import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../../electron/services/sync/outbox.ts';
import { toggleExtraService } from '../../../electron/services/customers/toggle-extra-service.ts';
import { agent, conversation, extraService, message } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { ANNA, openStore, up } from '../customers/helpers.ts';

function storeWithWork() {
  const s = openStore();
  const conv = { ...conversation(1), customerId: ANNA.id, status: 'open' as const };
  const resolved = { ...conversation(2), status: 'resolved' as const, updatedAt: '2030-01-01T00:00:00.000Z' };
  const note = { ...message(3), conversationId: conv.id, direction: 'internal_note' as const, authorAgentId: agent(1).id, body: 'Перезвонить вечером' };
  const changes = [
    up('customer', ANNA, 1), up('extra_service', extraService(0), 2), up('extra_service', { ...extraService(1), id: 'router-rent', name: 'Аренда роутера' }, 3),
    up('extra_service', { ...extraService(2), id: 'tv', name: 'Телевидение' }, 4), up('agent', agent(1), 5),
    up('conversation', conv, 6), up('conversation', resolved, 7), up('message', { ...message(1), conversationId: conv.id }, 8), up('message', note, 9),
  ];
  s.store.applyPullPage({ after: '0', body: pageBody(changes, '9') });
  const engine = createOutbox({ enqueue: async (i) => s.store.enqueue(i) });
  return { ...s, conv, resolved, engine };
}

describe('extra services during the call', () => {
  it('switching on shows at once in the card; the catalogue lists every service', async () => {
    const s = storeWithWork();
    await toggleExtraService({ getRow: async (e, id) => s.store.getRow(e, id) }, s.engine, { customerId: ANNA.id, serviceId: 'tv', enabled: true });
    const card = s.store.customerCard({ id: ANNA.id })!;
    expect(card.customer.extraServiceIds).toEqual(['router-rent', 'svc-0', 'tv']);
    expect(card.serviceCatalogue.map((x) => x.id).sort()).toEqual(['router-rent', 'svc-0', 'tv']);
    expect(s.store.listOutbox()).toMatchObject([{ name: 'customer.setExtraService', args: { customerId: ANNA.id, serviceId: 'tv', enabled: true } }]);
  });

  it('a refusal puts the service back as the server has it', async () => {
    const s = storeWithWork();
    await toggleExtraService({ getRow: async (e, id) => s.store.getRow(e, id) }, s.engine, { customerId: ANNA.id, serviceId: 'svc-0', enabled: false });
    expect(s.store.customerCard({ id: ANNA.id })!.customer.extraServiceIds).toEqual(['router-rent']);
    const [m] = s.store.takeBatch(10);
    const settled = s.store.settle({ sent: [m!.seq], results: [{ seq: m!.seq, status: 'rejected', error: { code: 'forbidden', message: 'not yours' } }] });
    expect(settled.rejected).toHaveLength(1);
    expect(s.store.customerCard({ id: ANNA.id })!.customer.extraServiceIds).toEqual(['svc-0', 'router-rent']);
  });

  it('an unknown customer id is still queued (the server decides), with nothing patched locally', async () => {
    const s = storeWithWork();
    const id = 'c0000000-0000-4000-8000-0000000000ff';
    await toggleExtraService({ getRow: async (e, i) => s.store.getRow(e, i) }, s.engine, { customerId: id, serviceId: 'tv', enabled: true });
    expect(s.store.outboxCount()).toBe(1);
  });
});

describe('conversation thread and notes', () => {
  it('shows messages oldest first with note authors, and a queued note until the server has it', async () => {
    const s = storeWithWork();
    const noteId = 'e0000000-0000-4000-8000-000000000001';
    await s.engine.enqueue('conversation.addNote', { conversationId: s.conv.id, noteId, body: 'Скрипт: кабель → заработало' });
    const t = s.store.conversationThread({ id: s.conv.id })!;
    expect(t.customerName).toBe(ANNA.fullName);
    expect(t.messages.map((m) => m.body)).toEqual([message(1).body, 'Перезвонить вечером']);
    expect(t.authors).toEqual({ [agent(1).id]: agent(1).displayName });
    expect(t.queuedNotes).toEqual([{ noteId, body: 'Скрипт: кабель → заработало', queuedAt: expect.any(String) }]);

    // The server applied it and the note came back through the feed: shown once, as a message.
    const [m] = s.store.takeBatch(10);
    s.store.settle({ sent: [m!.seq], results: [{ seq: m!.seq, status: 'applied' }] });
    const back = { ...message(4), id: noteId, conversationId: s.conv.id, direction: 'internal_note' as const, authorAgentId: agent(1).id, body: 'Скрипт: кабель → заработало', createdAt: '2031-01-01T00:00:00.000Z' };
    s.store.applyPullPage({ after: '9', body: pageBody([up('message', back, 10)], '10') });
    const after = s.store.conversationThread({ id: s.conv.id })!;
    expect(after.queuedNotes).toEqual([]);
    expect(after.messages.filter((x) => x.id === noteId)).toHaveLength(1);
  });

  it('an empty note is refused before anything is queued; an unknown conversation reads as null', async () => {
    const s = storeWithWork();
    await expect(s.engine.enqueue('conversation.addNote', { conversationId: s.conv.id, noteId: 'e0000000-0000-4000-8000-000000000002', body: '  ' })).rejects.toMatchObject({ code: 'invalid_input', field: 'args.body' });
    expect(s.store.outboxCount()).toBe(0);
    expect(s.store.conversationThread({ id: 'd0000000-0000-4000-8000-0000000000ff' })).toBeNull();
  });

  it('lists conversations open first, then the latest', () => {
    const s = storeWithWork();
    expect(s.store.recentConversations({}).map((c) => [c.id, c.status, c.customerName])).toEqual([
      [s.conv.id, 'open', ANNA.fullName],
      [s.resolved.id, 'resolved', null],
    ]);
  });

  it('lists the agent\'s own conversations before the queues\' (the replica holds both)', () => {
    const s = storeWithWork();
    // conversation(2) is assigned to agent 2, conversation(1) to agent 1.
    expect(s.store.recentConversations({ agentId: s.resolved.assigneeId! }).map((c) => c.id)).toEqual([s.resolved.id, s.conv.id]);
    expect(s.store.recentConversations({ agentId: s.conv.assigneeId! }).map((c) => c.id)).toEqual([s.conv.id, s.resolved.id]);
  });
});
