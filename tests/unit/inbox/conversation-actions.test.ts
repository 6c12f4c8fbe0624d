// The conversation actions in the main process against a real replica store and outbox: each action
// is queued with the conversation's row patched at once (taking a new one opens it), a refusal by the
// server puts the row back as it was, an accepted one keeps it through later pulls; what waits is
// listed per conversation; the agents offered are the replica's operators, by name.
import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../contract/domain/agent.ts';
import type { Conversation } from '../../../contract/domain/conversation.ts';
import type { PultError } from '../../../contract/errors.ts';
import { createConversationActions, patchFor } from '../../../electron/services/inbox/conversation-actions.ts';
import { createOutbox } from '../../../electron/services/sync/outbox.ts';
import { openStore, up } from '../customers/helpers.ts';
import { agent, conversation } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';

const ME = agent(1);
const COLLEAGUE: Agent = { ...agent(2), displayName: 'Борисова Вера' };
const ANDREEV: Agent = { ...agent(3), displayName: 'Андреев Глеб' };
const SUPERVISOR: Agent = { ...agent(4), role: 'supervisor', displayName: 'Супервизор Анна' };

function setUp(over: Partial<Conversation> = {}) {
  const s = openStore();
  const free: Conversation = { ...conversation(1), assigneeId: null, status: 'new', category: null, ...over };
  const other: Conversation = { ...conversation(2), assigneeId: ME.id, status: 'open', category: 'technical' };
  s.store.applyPullPage({
    after: '0',
    body: pageBody([up('agent', ME, 1), up('agent', COLLEAGUE, 2), up('agent', ANDREEV, 3), up('agent', SUPERVISOR, 4), up('conversation', free, 5), up('conversation', other, 6)], '6'),
  });
  const db = {
    getRow: async (...a: Parameters<typeof s.store.getRow>) => s.store.getRow(...a),
    listOutbox: async () => s.store.listOutbox(),
    assignees: async () => s.store.assignees(),
  };
  const outbox = createOutbox({ enqueue: async (i) => s.store.enqueue(i) });
  const actions = createConversationActions({ db: () => db, outbox: () => outbox, agentId: () => ME.id });
  const row = (id: string) => s.store.getRow('conversation', id)?.data as Conversation;
  /** The server's answer to everything queued: each seq rejected with `error`, or applied. */
  const answer = (error: PultError | null) => {
    const batch = s.store.takeBatch(50);
    return s.store.settle({ sent: batch.map((m) => m.seq), results: batch.map((m) => (error ? { seq: m.seq, status: 'rejected' as const, error } : { seq: m.seq, status: 'applied' as const })) });
  };
  return { ...s, free, other, actions, row, answer };
}

describe('conversation actions on the replica', () => {
  it('taking a new conversation assigns it to me and opens it at once, and queues the mutation', async () => {
    const s = setUp();
    expect(await s.actions.assign({ conversationId: s.free.id, assigneeId: ME.id })).toEqual({ queued: true });
    expect(s.row(s.free.id)).toMatchObject({ assigneeId: ME.id, status: 'open' });
    expect(s.store.listOutbox().map((e) => [e.name, e.args])).toEqual([['conversation.assign', { conversationId: s.free.id, assigneeId: ME.id }]]);
  });

  it('handing over and returning keep the status; status and category patch their own field', async () => {
    const s = setUp();
    await s.actions.setStatus({ conversationId: s.other.id, status: 'waiting_customer' });
    await s.actions.setCategory({ conversationId: s.other.id, category: null });
    await s.actions.assign({ conversationId: s.other.id, assigneeId: COLLEAGUE.id });
    expect(s.row(s.other.id)).toMatchObject({ assigneeId: COLLEAGUE.id, status: 'waiting_customer', category: null });
    await s.actions.assign({ conversationId: s.other.id, assigneeId: null });
    expect(s.row(s.other.id)).toMatchObject({ assigneeId: null, status: 'waiting_customer' });
  });

  it('linking the customer by hand patches the row at once; refused, the row is as the server had it', async () => {
    const s = setUp();
    const customerId = 'c0000000-0000-4000-8000-0000000000aa';
    expect(await s.actions.linkCustomer({ conversationId: s.other.id, customerId })).toEqual({ queued: true });
    expect(s.row(s.other.id)).toMatchObject({ customerId });
    expect(s.store.listOutbox().map((e) => [e.name, e.args])).toEqual([['conversation.linkCustomer', { conversationId: s.other.id, customerId }]]);
    s.answer({ code: 'not_found', message: 'no such customer', field: 'mutations.0.args.customerId' });
    expect(s.row(s.other.id)).toEqual(s.other);
    expect(patchFor('conversation.linkCustomer', { conversationId: s.other.id, customerId: null }, s.other, ME.id)).toEqual({ customerId: null });
  });

  it('a refusal puts the row back as the server had it, even after several pending changes', async () => {
    const s = setUp();
    await s.actions.assign({ conversationId: s.free.id, assigneeId: ME.id });
    await s.actions.setCategory({ conversationId: s.free.id, category: 'financial' });
    const settled = s.answer({ code: 'conflict', message: 'Борисова Вера handles this conversation now', field: 'mutations.0.args.conversationId' });
    expect(settled.rejected.map((r) => r.name)).toEqual(['conversation.assign', 'conversation.setCategory']);
    expect(s.row(s.free.id)).toEqual(s.free);
    expect(s.store.listOutbox()).toEqual([]);
  });

  it('an accepted change stays when the server\'s row arrives; a pull during the wait keeps the pending patch on top', async () => {
    const s = setUp();
    await s.actions.setStatus({ conversationId: s.other.id, status: 'resolved' });
    // A pull brings a change made elsewhere (a supervisor's category) while ours waits.
    s.store.applyPullPage({ after: '6', body: pageBody([up('conversation', { ...s.other, category: 'connection' }, 7)], '7') });
    expect(s.row(s.other.id)).toMatchObject({ status: 'resolved', category: 'connection' });
    s.answer(null);
    expect(s.row(s.other.id)).toMatchObject({ status: 'resolved', category: 'connection' });
  });

  it('queues the mutation for a conversation the replica does not hold, with nothing to patch', async () => {
    const s = setUp();
    const missing = conversation(9).id;
    await s.actions.assign({ conversationId: missing, assigneeId: ME.id });
    expect(s.store.listOutbox().map((e) => e.name)).toEqual(['conversation.assign']);
    expect(s.store.getRow('conversation', missing)).toBeNull();
  });

  it('refuses bad arguments before anything is queued, naming the field', async () => {
    const s = setUp();
    await expect(s.actions.setStatus({ conversationId: s.free.id, status: 'closed' as never })).rejects.toMatchObject({ code: 'invalid_input', field: 'args.status' });
    expect(s.store.listOutbox()).toEqual([]);
    expect(s.row(s.free.id)).toEqual(s.free);
  });

  it('state: what of this conversation waits, and the operators by name (no supervisors)', async () => {
    const s = setUp();
    await s.actions.assign({ conversationId: s.free.id, assigneeId: ME.id });
    await s.actions.setStatus({ conversationId: s.other.id, status: 'waiting_customer' });
    await s.actions.setCategory({ conversationId: s.free.id, category: 'technical' });
    const state = await s.actions.state(s.free.id);
    expect(state.pending.map((p) => p.name)).toEqual(['conversation.assign', 'conversation.setCategory']);
    expect(state.assignees.map((a) => a.displayName)).toEqual([ANDREEV.displayName, COLLEAGUE.displayName, ME.displayName].sort((a, b) => a.localeCompare(b)));
    expect(state.assigneeName).toBe(ME.displayName); // taken: the optimistic row names me
    s.answer(null);
    expect((await s.actions.state(s.free.id)).pending).toEqual([]);
    // A supervisor holding a conversation is named, though not offered as an assignee.
    s.store.applyPullPage({ after: '6', body: pageBody([up('conversation', { ...s.other, assigneeId: SUPERVISOR.id }, 7)], '7') });
    expect((await s.actions.state(s.other.id)).assigneeName).toBe(SUPERVISOR.displayName);
    expect((await s.actions.state(conversation(9).id)).assigneeName).toBeNull();
  });

  it('patchFor: only taking opens a new conversation', () => {
    const row = { ...conversation(1), status: 'new' as const };
    expect(patchFor('conversation.assign', { conversationId: row.id, assigneeId: ME.id }, row, ME.id)).toEqual({ assigneeId: ME.id, status: 'open' });
    expect(patchFor('conversation.assign', { conversationId: row.id, assigneeId: COLLEAGUE.id }, row, ME.id)).toEqual({ assigneeId: COLLEAGUE.id });
    expect(patchFor('conversation.assign', { conversationId: row.id, assigneeId: ME.id }, { ...row, status: 'waiting_customer' }, ME.id)).toEqual({ assigneeId: ME.id });
  });
});
