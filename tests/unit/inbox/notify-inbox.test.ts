// Which new messages deserve a desktop notification (electron/services/inbox/notify-inbox.ts): the
// pure decision, and the look at a real replica — the first look only sets the watermark, so
// nothing already there (the first sync, a reload) is announced; then customers' messages in the
// operator's own conversations, the queue's only when asked for, never their own replies, not the
// conversation being read in a focused window, and not history that re-enters the replica.
import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../../../contract/domain/conversation.ts';
import { decideInboxNotices, FRESH_MS, type Arrival, type NoticeContext } from '../../../electron/services/inbox/notify-inbox.ts';
import { agent, conversation, uuid } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { ANNA, openStore, up } from '../customers/helpers.ts';

const ME = agent(1).id;
const OTHER = agent(2).id;
const NOW = new Date('2026-11-01T09:30:00.000Z');

const arrival = (over: Partial<Arrival>): Arrival => ({
  messageId: uuid('message', 1), conversationId: uuid('conversation', 1), direction: 'in', createdAt: new Date(NOW.getTime() - 1000).toISOString(),
  assigneeId: ME, channel: 'telegram', customerId: null, customerName: null, externalAddress: '@someone', body: 'Интернет пропал', ...over,
});
const ctx = (over: Partial<NoticeContext> = {}): NoticeContext => ({ me: ME, now: NOW, openConversationId: null, focused: false, queue: false, ...over });

describe('decideInboxNotices', () => {
  it('a customer\'s message in my conversation is a notice, with the name or the address and a plain-text preview', () => {
    expect(decideInboxNotices([arrival({ body: '<p>Счёт <b>за октябрь</b></p>' })], ctx())).toEqual([{
      conversationId: uuid('conversation', 1), messageId: uuid('message', 1), kind: 'assigned', channel: 'telegram', customerId: null,
      from: '@someone', externalAddress: '@someone', preview: 'Счёт за октябрь',
    }]);
    expect(decideInboxNotices([arrival({ customerName: 'Анна Иванова' })], ctx())[0]!.from).toBe('Анна Иванова');
  });

  it('not my own replies or notes, not colleagues\' conversations', () => {
    expect(decideInboxNotices([arrival({ direction: 'out' }), arrival({ direction: 'internal_note' })], ctx())).toEqual([]);
    expect(decideInboxNotices([arrival({ assigneeId: OTHER })], ctx({ queue: true }))).toEqual([]);
  });

  it('the shared queue only when asked for', () => {
    expect(decideInboxNotices([arrival({ assigneeId: null })], ctx())).toEqual([]);
    expect(decideInboxNotices([arrival({ assigneeId: null })], ctx({ queue: true }))[0]!.kind).toBe('queue');
  });

  it('not while that conversation is open in a focused window; open in the background, yes', () => {
    const open = { openConversationId: uuid('conversation', 1) };
    expect(decideInboxNotices([arrival({})], ctx({ ...open, focused: true }))).toEqual([]);
    expect(decideInboxNotices([arrival({})], ctx({ ...open, focused: false }))).toHaveLength(1);
    expect(decideInboxNotices([arrival({ conversationId: uuid('conversation', 2) })], ctx({ ...open, focused: true }))).toHaveLength(1);
  });

  it('history is not news: a message older than FRESH_MS when it arrives', () => {
    expect(decideInboxNotices([arrival({ createdAt: new Date(NOW.getTime() - FRESH_MS - 1).toISOString() })], ctx())).toEqual([]);
  });
});

describe('inboxArrivals on a replica', () => {
  const conv = (i: number, over: Partial<Conversation>): Conversation => ({ ...conversation(i), channel: 'telegram', customerId: null, assigneeId: ME, ...over });
  const msg = (i: number, conversationId: string, over: Partial<Message> = {}): Message => ({
    id: uuid('message', i), conversationId, direction: 'in', authorAgentId: null, body: `Сообщение ${i}`, createdAt: new Date().toISOString(), ...over,
  });

  it('the first look sets the watermark; later looks announce what arrived since, once', () => {
    const s = openStore();
    const mine = conv(1, { customerId: ANNA.id });
    const queued = conv(2, { assigneeId: null });
    s.store.applyPullPage({ after: '0', body: pageBody([up('customer', ANNA, 1), up('conversation', mine, 2), up('conversation', queued, 3), up('message', msg(1, mine.id), 4)], '4') });
    const look = (after: number | null, queue = false) => s.store.inboxArrivals(ME, { after, openConversationId: null, focused: false, queue });
    const first = look(null);
    expect(first.notices).toEqual([]);
    expect(look(first.watermark).notices).toEqual([]);

    s.store.applyPullPage({ after: '4', body: pageBody([
      up('message', msg(2, mine.id), 5),
      up('message', msg(3, mine.id, { direction: 'out', authorAgentId: ME }), 6),
      up('message', msg(4, queued.id), 7),
    ], '7') });
    const next = look(first.watermark);
    expect(next.notices.map((n) => [n.messageId, n.kind, n.from])).toEqual([[uuid('message', 2), 'assigned', ANNA.fullName]]);
    expect(look(first.watermark, true).notices.map((n) => n.kind)).toEqual(['assigned', 'queue']);
    expect(look(next.watermark).notices).toEqual([]);
    // A delivery update of a known message keeps its place: not news again.
    s.store.applyPullPage({ after: '7', body: pageBody([up('message', { ...msg(2, mine.id), body: 'Сообщение 2 (исправлено)' }, 8)], '8') });
    expect(look(next.watermark).notices).toEqual([]);
  });

  it('refuses a malformed look', () => {
    const s = openStore();
    expect(() => s.store.inboxArrivals(ME, { after: -1, openConversationId: null, focused: false, queue: false })).toThrow();
  });
});
