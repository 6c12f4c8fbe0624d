// The composer's side of a real replica store: canned responses pulled like any catalogue (active
// ones only, Russian first, in order; gone after a sync reset), drafts per conversation (saved,
// replaced, removed by an empty text, kept by a sync reset, a refused reply's text put back), and a
// queued reply read from the outbox with its files' names until the server settles it — refused,
// it is gone at once; accepted and pulled back, it is the message itself.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MessageAttachment } from '../../../contract/domain/conversation.ts';
import { openReplicaFile } from '../../../electron/services/db/open-replica-file.ts';
import { createReplicaStore } from '../../../electron/services/db/replica-store.ts';
import { cannedResponse, conversation, message } from '../replica/data.ts';
import { pageBody } from '../replica/fake-sync-server.ts';
import { openStore, up } from '../customers/helpers.ts';

const CONV = conversation(1);
const OTHER = conversation(2);
const file = (name: string): MessageAttachment => ({ id: randomUUID(), fileName: name, mimeType: 'image/png', size: 1234, sha256: 'b'.repeat(64), refused: null });

function storeWithConversations() {
  const s = openStore();
  const canned = [1, 2, 3, 4, 8, 11].map((i) => cannedResponse(i));
  s.store.applyPullPage({ after: '0', body: pageBody([up('conversation', CONV, 1), up('conversation', OTHER, 2), ...canned.map((c, i) => up('canned_response', c, 10 + i))], '20') });
  return { ...s, canned };
}

function queueReply(store: ReturnType<typeof openStore>['store'], conversationId: string, body: string, files: MessageAttachment[] = []) {
  const messageId = randomUUID();
  if (files.length) store.noteReplyFiles({ messageId, files });
  const { seq } = store.enqueue({ name: 'message.reply', args: { conversationId, messageId, body, ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}) } });
  return { messageId, seq };
}

describe('canned responses in the replica', () => {
  it('lists the active ones, Russian first, each language in its order, and drops them on a sync reset', () => {
    const { store, canned } = storeWithConversations();
    const expected = canned
      .filter((c) => c.active)
      .sort((a, b) => Number(a.language === 'en') - Number(b.language === 'en') || a.sort - b.sort)
      .map((c) => c.id);
    expect(store.cannedResponses().map((c) => c.id)).toEqual(expected);
    expect(expected).not.toContain(cannedResponse(11).id); // retired
    expect(store.cannedResponses()[0]).toEqual(canned.find((c) => c.id === expected[0]));
    store.resetReplica();
    expect(store.cannedResponses()).toEqual([]);
  });
});

describe('drafts', () => {
  it('are kept per conversation, replaced by the latest text and removed by an empty one', () => {
    const { store } = storeWithConversations();
    expect(store.replyDraft({ conversationId: CONV.id })).toBeNull();
    store.saveReplyDraft({ conversationId: CONV.id, body: 'Здравствуйте, Анна' });
    store.saveReplyDraft({ conversationId: CONV.id, body: 'Здравствуйте, Анна Сергеевна!' });
    store.saveReplyDraft({ conversationId: OTHER.id, body: 'Другой черновик' });
    expect(store.replyDraft({ conversationId: CONV.id })).toMatchObject({ body: 'Здравствуйте, Анна Сергеевна!' });
    expect(store.replyDraft({ conversationId: OTHER.id })?.body).toBe('Другой черновик');
    store.saveReplyDraft({ conversationId: CONV.id, body: '  \n ' });
    expect(store.replyDraft({ conversationId: CONV.id })).toBeNull();
    expect(store.replyDraft({ conversationId: OTHER.id })?.body).toBe('Другой черновик');
  });

  it('survive closing the replica and a sync reset (they are this PC\'s, not the feed\'s)', () => {
    const { db, store, path } = storeWithConversations();
    store.saveReplyDraft({ conversationId: CONV.id, body: 'Черновик до перезапуска' });
    store.resetReplica();
    db.close();
    const again = createReplicaStore(openReplicaFile(path));
    expect(again.replyDraft({ conversationId: CONV.id })?.body).toBe('Черновик до перезапуска');
  });

  it('take a refused reply\'s text back after what was typed since, once', () => {
    const { store } = storeWithConversations();
    expect(store.restoreReplyDraft({ conversationId: CONV.id, body: 'Платёж нашли.' }).body).toBe('Платёж нашли.');
    store.saveReplyDraft({ conversationId: OTHER.id, body: 'Начал писать' });
    expect(store.restoreReplyDraft({ conversationId: OTHER.id, body: 'Платёж нашли.' }).body).toBe('Начал писать\n\nПлатёж нашли.');
    expect(store.restoreReplyDraft({ conversationId: OTHER.id, body: 'Платёж нашли.' }).body).toBe('Начал писать\n\nПлатёж нашли.');
  });
});

describe('queued replies', () => {
  it('show at once, oldest first, with their files, for their conversation only', () => {
    const { store } = storeWithConversations();
    const files = [file('чек.png'), file('квитанция.png')];
    const a = queueReply(store, CONV.id, 'Пришлите, пожалуйста, чек', files);
    const b = queueReply(store, CONV.id, 'Спасибо!');
    queueReply(store, OTHER.id, 'Не сюда');
    const list = store.queuedReplies({ conversationId: CONV.id });
    expect(list.map((r) => [r.messageId, r.body])).toEqual([[a.messageId, 'Пришлите, пожалуйста, чек'], [b.messageId, 'Спасибо!']]);
    expect(list[0]!.attachments).toEqual(files);
    expect(list[1]!.attachments).toEqual([]);
    expect(list[0]!.template).toBeNull();
    expect(store.outboxCount()).toBe(3);
  });

  it('a refusal takes the reply away; an acceptance hands over to the message the feed brings', () => {
    const { store } = storeWithConversations();
    const refused = queueReply(store, CONV.id, 'Отказ', [file('a.png')]);
    const accepted = queueReply(store, CONV.id, 'Принят');
    const batch = store.takeBatch(10);
    expect(batch.map((m) => m.seq)).toEqual([refused.seq, accepted.seq]);
    // Sent, not yet answered: still shown.
    expect(store.queuedReplies({ conversationId: CONV.id })).toHaveLength(2);
    const settled = store.settle({
      sent: [refused.seq, accepted.seq],
      results: [{ seq: refused.seq, status: 'rejected', error: { code: 'not_found', message: 'this file was not uploaded', field: 'args.attachmentIds.0' } }, { seq: accepted.seq, status: 'applied' }],
    });
    expect(settled.rejected.map((r) => r.seq)).toEqual([refused.seq]);
    expect(store.queuedReplies({ conversationId: CONV.id })).toEqual([]);
    const back = { ...message(1), id: accepted.messageId, conversationId: CONV.id, direction: 'out' as const, body: 'Принят', delivery: { status: 'queued' as const, errorCode: null, error: null, at: new Date().toISOString() } };
    store.applyPullPage({ after: '20', body: pageBody([up('message', back, 30)], '30') });
    expect(store.conversationThread({ id: CONV.id })?.messages.map((m) => m.id)).toContain(accepted.messageId);
    // The next reply's files note forgets the files of replies no longer in the outbox.
    queueReply(store, CONV.id, 'Ещё', [file('b.png')]);
    expect(store.queuedReplies({ conversationId: CONV.id }).flatMap((r) => r.attachments.map((a) => a.fileName))).toEqual(['b.png']);
  });

  it('a reply pulled back while its outbox row waits for the answer is not shown twice', () => {
    const { store } = storeWithConversations();
    const r = queueReply(store, CONV.id, 'Дважды не показывать');
    store.applyPullPage({ after: '20', body: pageBody([up('message', { ...message(2), id: r.messageId, conversationId: CONV.id, direction: 'out', body: 'Дважды не показывать' }, 31)], '31') });
    expect(store.queuedReplies({ conversationId: CONV.id })).toEqual([]);
    expect(store.outboxCount()).toBe(1);
  });
});
