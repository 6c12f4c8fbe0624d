// Letters fetched together are stored together: one transaction per batch with the mailbox's last
// UID (receive-letter.ts), the change feed written once for the batch. What that must not cost:
// threading and deduplication inside a batch, each new message in the feed of whoever holds its
// conversation, a letter the database refuses stored alone as its source without losing the
// others, and a batch that fails to commit stored not at all — then read again, once each.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startImapReader, type ImapReader } from '../../../server/src/channels/email/imap-reader.ts';
import { UNREADABLE_BODY } from '../../../server/src/channels/email/parse-letter.ts';
import { emailRoute } from '../../../server/src/channels/email/receive-letter.ts';
import { startChannelHarness, type ChannelHarness } from './fakes/channel-harness.ts';
import { compose } from './fakes/mail-letters.ts';
import { startMailbox, waitFor, type MailboxServer } from './fakes/mail-servers.ts';
import { AGENT_IDS } from './fixtures.ts';

const START = new Date(Math.floor(Date.now() / 1000) * 1000);

let mail: MailboxServer;
let h: ChannelHarness;
let reader: ImapReader | null = null;

beforeAll(async () => {
  mail = await startMailbox(['support']);
  h = await startChannelHarness({}, START);
});
afterEach(async () => {
  await reader?.stop();
  reader = null;
  await sql`drop trigger if exists refuse_letter on messages`.execute(db());
  await sql`drop trigger if exists refuse_headers on email_messages`.execute(db());
});
afterAll(async () => {
  await h?.close();
  await mail?.close();
});

const db = () => h.database.db;
const mid = () => `<batch-${randomUUID()}@customer.example>`;
const startReader = () => {
  reader = startImapReader({ db: db(), imap: mail.imap(), route: emailRoute, attachmentMaxBytes: h.settings.attachmentMaxBytes, now: () => h.clock.now, log: h.app.log, backoffMs: 100, maxBackoffMs: 200 });
  return reader;
};
const lastUid = async () => Number((await db().selectFrom('email_mailboxes').select('last_uid').where('mailbox', '=', reader!.mailbox).executeTakeFirstOrThrow()).last_uid);

async function letters(ids: string[]) {
  return db().selectFrom('messages').select(['id', 'channel_message_id', 'conversation_id', 'body']).where('channel', '=', 'email').where('channel_message_id', 'in', ids).execute();
}

/** Who holds a row in their replica, by the feed. */
async function holders(entity: 'conversation' | 'message', id: string): Promise<string[]> {
  const rows = await db().selectFrom('sync_feed').select('audience').where('entity', '=', entity).where('entity_id', '=', id).where('op', '=', 'upsert').where('audience', 'is not', null).execute();
  return rows.map((r) => r.audience!).sort();
}

/** A trigger that makes the database refuse a write, as a failing disk or a bug would. */
async function refuse(name: string, table: 'messages' | 'email_messages', when: string) {
  await sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$ begin
    if ${when} then raise exception 'refused by the test'; end if; return new; end $$`).execute(db());
  await sql.raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`).execute(db());
}

describe('a batch of letters', () => {
  it('threads and deduplicates inside the batch, and puts each new message in the feed of those holding its conversation', async () => {
    // Before the batch: a conversation an operator has taken.
    const earlier = mid();
    await mail.deliver(await compose({ from: 'taken@example.org', to: 'support@pult.test', subject: 'Роутер', messageId: earlier, text: 'Мигает' }));
    startReader();
    await reader!.caughtUp(20_000);
    const [taken] = await letters([earlier]);
    await db().updateTable('conversations').set({ assignee_id: AGENT_IDS.operator, status: 'open' }).where('id', '=', taken!.conversation_id).execute();
    await reader!.stop();

    // One batch: a new request, a reply to it, the same letter twice, and a reply to the taken one.
    const first = mid();
    const answer = mid();
    const again = mid();
    const toTaken = mid();
    await mail.deliver(await compose({ from: 'new@example.org', to: 'support@pult.test', subject: 'Счёт', messageId: first, text: 'Первое' }));
    await mail.deliver(await compose({ from: 'new@example.org', to: 'support@pult.test', subject: 'Re: Счёт', messageId: answer, inReplyTo: first, references: [first], text: 'Второе' }));
    await mail.deliver(await compose({ from: 'twice@example.org', to: 'support@pult.test', subject: 'Дважды', messageId: again, text: 'Раз' }));
    await mail.deliver(await compose({ from: 'twice@example.org', to: 'support@pult.test', subject: 'Дважды', messageId: again, text: 'Раз' }));
    const uid = await mail.deliver(await compose({ from: 'taken@example.org', to: 'support@pult.test', subject: 'Re: Роутер', messageId: toTaken, inReplyTo: earlier, text: 'Всё ещё мигает' }));
    startReader();
    await reader!.caughtUp(20_000);

    expect(reader!.counts).toEqual({ stored: 4, duplicate: 1, bounce: 0 });
    expect(await lastUid()).toBe(uid);
    const got = new Map((await letters([first, answer, again, toTaken])).map((m) => [m.channel_message_id!, m]));
    expect(got.size).toBe(4);
    expect(got.get(answer)!.conversation_id).toBe(got.get(first)!.conversation_id);
    expect(got.get(toTaken)!.conversation_id).toBe(taken!.conversation_id);
    // New conversations are in the shared queue: every operator holds them and their messages.
    const operators = (await db().selectFrom('agents').select('id').where('role', '=', 'operator').execute()).map((a) => a.id).sort();
    for (const id of [first, answer, again]) {
      expect(await holders('conversation', got.get(id)!.conversation_id)).toEqual(operators);
      expect(await holders('message', got.get(id)!.id)).toEqual(operators);
    }
    // A message joining a conversation goes to whoever held it before.
    const held = await holders('conversation', taken!.conversation_id);
    expect(held.length).toBeGreaterThan(0);
    expect(await holders('message', got.get(toTaken)!.id)).toEqual(held);
    // The feed has every row stamped (the batch committed through withSyncedTransaction).
    expect(Number((await db().selectFrom('sync_feed').select((eb) => eb.fn.countAll<number>().as('n')).where('version', 'is', null).executeTakeFirstOrThrow()).n)).toBe(0);
  });

  it('a letter the database refuses costs only itself: it is kept as its source, the others as they came', async () => {
    const ids = [mid(), mid(), mid()];
    await refuse('refuse_letter', 'messages', `new.body like '%ОТРАВЛЕНО%'`);
    for (const [i, id] of ids.entries()) {
      await mail.deliver(await compose({ from: `mixed${i}@example.org`, to: 'support@pult.test', subject: `Смесь ${i}`, messageId: id, text: i === 1 ? 'ОТРАВЛЕНО' : `Хорошее ${i}` }));
    }
    startReader();
    await reader!.caughtUp(20_000);
    const got = new Map((await letters(ids)).map((m) => [m.channel_message_id!, m]));
    expect(got.size).toBe(3);
    expect(got.get(ids[0]!)!.body.trim()).toBe('Хорошее 0');
    expect(got.get(ids[1]!)!.body).toBe(UNREADABLE_BODY);
    expect(got.get(ids[2]!)!.body.trim()).toBe('Хорошее 2');
    const files = await db().selectFrom('attachments').select('file_name').where('message_id', '=', got.get(ids[1]!)!.id).execute();
    expect(files.map((f) => f.file_name)).toEqual(['message.eml']);
  });

  it('a batch that fails to commit stores none of its letters and keeps its UIDs; the next attempt stores each once', async () => {
    startReader();
    await reader!.caughtUp(20_000);
    const from = await lastUid();
    const counts = await h.counts();
    // Every letter's headers are refused: the batch fails after its messages and conversations
    // were written, and so does storing the letters one by one. As a crash at that point would.
    await refuse('refuse_headers', 'email_messages', 'true');
    await reader!.stop();
    const ids = [mid(), mid(), mid(), mid()];
    for (const [i, id] of ids.entries()) await mail.deliver(await compose({ from: `crash${i}@example.org`, to: 'support@pult.test', subject: `Сбой ${i}`, messageId: id, text: `Письмо ${i}` }));
    startReader();
    // A session at all (a failing one closes at once and comes back: connected() is true only in between).
    await waitFor('a session', async () => reader!.sessions() > 0);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await letters(ids)).toEqual([]);
    expect(await h.counts()).toEqual(counts);
    expect(await lastUid()).toBe(from);

    await sql`drop trigger refuse_headers on email_messages`.execute(db());
    await waitFor('the letters stored', async () => (await letters(ids)).length === ids.length);
    await reader!.caughtUp(20_000);
    expect((await letters(ids)).map((m) => m.channel_message_id).sort()).toEqual([...ids].sort());
    expect((await h.counts()).messages).toBe(counts.messages + ids.length);
    expect(await lastUid()).toBeGreaterThan(from);
  });
});
