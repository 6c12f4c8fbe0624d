// The Inbox list against a real replica store: filters and search in SQL (Cyrillic case and ё
// folded), the window and the total, the preview without markup, unread until opened on this PC,
// and the indexes the migration adds actually used for each filter's order.
import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../../../contract/domain/conversation.ts';
import { agent, call, conversation, uuid } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { ALYONA, ANNA, openStore, up } from '../customers/helpers.ts';

const ME = agent(1).id;
const iso = (minute: number) => new Date(Date.UTC(2026, 10, 1, 9, minute)).toISOString();

function conv(i: number, over: Partial<Conversation>): Conversation {
  return { ...conversation(i), assigneeId: ME, customerId: null, updatedAt: iso(i), createdAt: iso(0), ...over };
}
function msg(i: number, conversationId: string, over: Partial<Message>): Message {
  return { id: uuid('message', i), conversationId, direction: 'in', authorAgentId: null, body: 'Здравствуйте', createdAt: iso(i), ...over };
}

function storeWithInbox() {
  const s = openStore();
  const mail = conv(1, { channel: 'email', customerId: ANNA.id, subject: 'Счёт за октябрь', status: 'open', category: 'financial', externalAddress: 'anna@example.ru' });
  const chat = conv(2, { channel: 'telegram', customerId: ALYONA.id, subject: null, status: 'new', category: 'technical', externalAddress: '@alyona' });
  const phone = conv(3, { channel: 'phone', customerId: null, subject: null, status: 'resolved', category: null, externalAddress: '+74956428585' });
  const others = conv(4, { channel: 'whatsapp', assigneeId: agent(2).id, status: 'open', category: 'connection', externalAddress: '79160000000', subject: null });
  const messages = [
    msg(10, mail.id, { body: '<html><head><style>p{color:red}</style></head><body><p>Прошу&nbsp;пересчитать <b>счёт</b></p><script>alert(1)</script></body></html>' }),
    msg(11, chat.id, { body: 'Интернет пропал' }),
    msg(12, chat.id, { direction: 'out', authorAgentId: ME, body: 'Проверяем линию' }),
    msg(13, chat.id, { body: 'Всё ещё не работает' }),
    msg(14, others.id, { body: 'Хочу подключиться' }),
    msg(15, others.id, { direction: 'out', authorAgentId: agent(2).id, body: 'Пришлите адрес' }),
  ];
  const ring = { ...call(1), conversationId: phone.id, direction: 'in' as const, startedAt: iso(3) };
  const changes = [
    up('customer', ANNA, 1), up('customer', ALYONA, 2), up('agent', agent(1), 3), up('agent', agent(2), 4),
    ...[mail, chat, phone, others].map((c, i) => up('conversation', c, 10 + i)),
    ...messages.map((m, i) => up('message', m, 20 + i)),
    up('call', ring, 40),
  ];
  s.store.applyPullPage({ after: '0', body: pageBody(changes, '40') });
  return { ...s, mail, chat, phone, others };
}

const list = (s: ReturnType<typeof storeWithInbox>, filter: Record<string, unknown> = {}) =>
  s.store.inboxList({ scope: 'all', page: 0, pageSize: 50, agentId: ME, ...filter });

describe('the Inbox list', () => {
  it('lists every channel latest first, with names, previews without markup and a total', () => {
    const s = storeWithInbox();
    const r = list(s);
    expect(r.total).toBe(4);
    expect(r.rows.map((x) => x.channel)).toEqual(['whatsapp', 'phone', 'telegram', 'email']);
    const mail = r.rows.find((x) => x.id === s.mail.id)!;
    expect(mail).toMatchObject({ customerName: ANNA.fullName, subject: 'Счёт за октябрь', status: 'open', category: 'financial', previewDirection: 'in' });
    expect(mail.preview).toBe('Прошу пересчитать счёт');
    const chat = r.rows.find((x) => x.id === s.chat.id)!;
    expect(chat).toMatchObject({ customerName: ALYONA.fullName, preview: 'Всё ещё не работает', previewDirection: 'in' });
    // A phone conversation with no messages: no preview; the address stands in for a name.
    expect(r.rows.find((x) => x.id === s.phone.id)).toMatchObject({ customerName: null, externalAddress: '+74956428585', preview: null });
  });

  it('"mine" is what is assigned to the signed-in agent; channel, status and category narrow it', () => {
    const s = storeWithInbox();
    expect(list(s, { scope: 'mine' }).total).toBe(3);
    expect(list(s, { scope: 'mine', channel: 'whatsapp' }).total).toBe(0);
    expect(list(s, { channel: 'whatsapp' }).rows.map((x) => x.id)).toEqual([s.others.id]);
    expect(list(s, { status: 'new' }).rows.map((x) => x.id)).toEqual([s.chat.id]);
    expect(list(s, { category: 'financial' }).rows.map((x) => x.id)).toEqual([s.mail.id]);
    expect(list(s, { scope: 'mine', status: 'open', category: 'financial', channel: 'email' }).total).toBe(1);
  });

  it('searches the name, address and subject, whatever the case and ё', () => {
    const s = storeWithInbox();
    expect(list(s, { search: 'ИВАНОВА' }).rows.map((x) => x.id)).toEqual([s.mail.id]);
    expect(list(s, { search: 'счет за' }).rows.map((x) => x.id)).toEqual([s.mail.id]);
    expect(list(s, { search: '@alyona' }).rows.map((x) => x.id)).toEqual([s.chat.id]);
    expect(list(s, { search: '6428585' }).rows.map((x) => x.id)).toEqual([s.phone.id]);
    expect(list(s, { search: 'нет такого' })).toEqual({ total: 0, page: 0, rows: [] });
  });

  it('is unread until opened here, or until we answered; a later message makes it unread again', () => {
    const s = storeWithInbox();
    const unread = () => Object.fromEntries(list(s).rows.map((x) => [x.id, x.unread]));
    // mail: the customer wrote, nobody answered. chat: they wrote after our reply. phone: a call in.
    // whatsapp: our reply was the last word.
    expect(unread()).toEqual({ [s.mail.id]: true, [s.chat.id]: true, [s.phone.id]: true, [s.others.id]: false });
    s.store.inboxMarkSeen({ id: s.chat.id });
    expect(unread()[s.chat.id]).toBe(false);
    const later = msg(16, s.chat.id, { body: 'Ау?', createdAt: new Date(Date.now() + 60_000).toISOString() });
    s.store.applyPullPage({ after: '40', body: pageBody([up('message', later, 41)], '41') });
    expect(unread()[s.chat.id]).toBe(true);
  });

  it('gives a phone conversation its calls, oldest first', () => {
    const s = storeWithInbox();
    expect(s.store.inboxCalls({ id: s.phone.id }).calls.map((c) => c.number)).toEqual([call(1).number]);
    expect(s.store.inboxCalls({ id: s.mail.id }).calls).toEqual([]);
  });

  it('reads a page of a large list, with the total, in the index order', () => {
    const s = openStore();
    const n = 1200;
    const changes = Array.from({ length: n }, (_, i) =>
      up('conversation', { ...conversation(i + 1), assigneeId: i % 3 === 0 ? ME : agent(2).id, updatedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() }, i + 1));
    s.store.applyPullPage({ after: '0', body: pageBody(changes, String(n)) });
    const all = s.store.inboxList({ scope: 'all', page: 0, pageSize: 200, agentId: ME });
    expect(all.total).toBe(n);
    const window = s.store.inboxList({ scope: 'all', page: 5, pageSize: 200, agentId: ME });
    expect(window.rows).toHaveLength(200);
    expect(window.rows[0]!.updatedAt).toBe(new Date(Date.UTC(2026, 0, 1) + (n - 1001) * 60_000).toISOString());
    const updated = window.rows.map((r) => r.updatedAt);
    expect([...updated].sort().reverse()).toEqual(updated);
    expect(s.store.inboxList({ scope: 'mine', page: 0, pageSize: 1, agentId: ME }).total).toBe(n / 3);
    expect(s.store.inboxList({ scope: 'all', page: n / 50, pageSize: 50, agentId: ME }).rows).toEqual([]);
  });

  it('walks an index in the list order for each filter (no temporary sort)', () => {
    const s = storeWithInbox();
    const plan = (where: string) =>
      (s.db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM conversation v ${where} ORDER BY v.updated_at DESC, v.id DESC LIMIT 50`).all() as Array<{ detail: string }>)
        .map((r) => r.detail).join(' | ');
    expect(plan('')).toMatch(/conversation_inbox_all/);
    expect(plan('WHERE v.assignee_id = 1')).toMatch(/conversation_inbox_mine/);
    expect(plan("WHERE v.channel = 'email'")).toMatch(/conversation_inbox_channel/);
    expect(plan("WHERE v.status = 'new'")).toMatch(/conversation_inbox_status/);
    expect(plan("WHERE v.data ->> '$.category' = 'technical'")).toMatch(/conversation_inbox_category/);
    for (const w of ['', 'WHERE v.assignee_id = 1', "WHERE v.channel = 'email'"]) expect(plan(w)).not.toMatch(/TEMP B-TREE/);
  });

  it('refuses a malformed filter before it reaches SQL', () => {
    const s = storeWithInbox();
    expect(() => s.store.inboxList({ scope: 'everyone' as 'all', page: 0, pageSize: 10, agentId: ME })).toThrow();
    expect(() => s.store.inboxList({ scope: 'all', page: -1, pageSize: 10, agentId: ME })).toThrow();
    expect(() => s.store.inboxList({ scope: 'all', page: 0, pageSize: 10_000, agentId: ME })).toThrow();
  });
});
