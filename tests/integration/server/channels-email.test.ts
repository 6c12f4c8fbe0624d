// E-mail in and out against real servers: a throwaway Dovecot the letters are delivered into over
// IMAP APPEND (read by Pult's reader with IDLE, flagged \Seen once stored, resumed from the last UID
// after a reconnect), and an in-process SMTP server that captures Pult's replies. Threading by
// Message-ID / In-Reply-To / References, replies with our own Message-ID and the customer's thread
// headers, SMTP 5xx final and 4xx retried, bounces marking a reply failed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImapReader, type ImapReader } from '../../../server/src/channels/email/imap-reader.ts';
import { emailRoute } from '../../../server/src/channels/email/receive-letter.ts';
import { startChannelHarness, type ChannelHarness } from './fakes/channel-harness.ts';
import { compose } from './fakes/mail-letters.ts';
import { startMailbox, startSmtpCapture, waitFor, type MailboxServer, type SmtpCapture } from './fakes/mail-servers.ts';
import { AGENT_IDS, CUSTOMER_IDS } from './fixtures.ts';

const START = new Date(Math.floor(Date.now() / 1000) * 1000);
const FROM = 'Информационная служба <support@pult.test>';

let mail: MailboxServer;
let smtp: SmtpCapture;
let h: ChannelHarness;
let reader: ImapReader;

const startReader = () => startImapReader({ db: h.database.db, imap: mail.imap(), route: emailRoute, attachmentMaxBytes: h.settings.attachmentMaxBytes, now: () => h.clock.now, log: h.app.log, backoffMs: 100, maxBackoffMs: 500 });

beforeAll(async () => {
  [mail, smtp] = await Promise.all([startMailbox(), startSmtpCapture()]);
  h = await startChannelHarness({ email: { imap: mail.imap(), smtp: smtp.settings, from: FROM } }, START);
  reader = startReader();
});
afterAll(async () => {
  await reader?.stop();
  await h?.close();
  await smtp?.close();
  await mail?.close();
});

const db = () => h.database.db;

async function storedLetter(messageId: string) {
  return waitFor(`letter ${messageId}`, () =>
    db().selectFrom('messages as m').innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select(['m.id', 'm.body', 'm.created_at', 'c.id as conversation_id', 'c.customer_id', 'c.subject', 'c.external_address', 'c.status'])
      .where('m.channel', '=', 'email').where('m.channel_message_id', '=', messageId).executeTakeFirst());
}

/**
 * A reply queued the way message.reply stores one (sync/mutations/reply-message.ts). Written here
 * directly: that mutation does not accept e-mail replies yet (its REPLY_CHANNELS).
 */
/** An operator's reply as the app sends it: the conversation is theirs, message.reply is pushed. */
async function reply(conversationId: string, body: string, attachmentIds: string[] = []) {
  await db().updateTable('conversations').set({ assignee_id: AGENT_IDS.operator, status: 'open' }).where('id', '=', conversationId).execute();
  const messageId = randomUUID();
  const pushed = await h.push('operator', 'message.reply', { conversationId, messageId, body, ...(attachmentIds.length ? { attachmentIds } : {}) });
  expect(pushed).toEqual({ seq: 1, status: 'applied' });
  return messageId;
}

let n = 0;
const mid = () => `<letter-${++n}-${randomUUID()}@customer.example>`;

describe('e-mail in (IMAP, Dovecot)', () => {
  it('stores a new letter in a new conversation with the customer matched by address, then flags it \\Seen', async () => {
    const id = mid();
    const uid = await mail.deliver(await compose({ from: 'Алёна Иванова <Alena.Ivanova@example.ru>', to: 'support@pult.test', subject: 'Не работает интернет', messageId: id, text: 'Здравствуйте!\nС утра нет интернета.', date: new Date('2026-11-20T08:00:00Z') }));
    const m = await storedLetter(id);
    expect(m).toMatchObject({ body: 'Здравствуйте!\nС утра нет интернета.', customer_id: CUSTOMER_IDS.ivanova, subject: 'Не работает интернет', external_address: 'alena.ivanova@example.ru', status: 'new' });
    expect(m.created_at.toISOString()).toBe('2026-11-20T08:00:00.000Z');
    const c = await mail.client();
    try {
      await c.mailboxOpen('INBOX');
      await waitFor('\\Seen flag', async () => {
        const got = await c.fetchOne(String(uid), { flags: true }, { uid: true });
        return got && got.flags?.has('\\Seen');
      });
    } finally {
      await c.logout();
    }
    const state = await db().selectFrom('email_mailboxes').selectAll().where('mailbox', '=', reader.mailbox).executeTakeFirstOrThrow();
    expect(Number(state.last_uid)).toBeGreaterThanOrEqual(uid);
  });

  it('keeps the HTML part verbatim, XSS payloads in the subject and file names included, and stores a file once', async () => {
    const id = mid();
    const html = '<p>Счёт во вложении</p><img src=x onerror="alert(1)"><script>alert(document.cookie)</script><a href="javascript:alert(2)">ссылка</a>';
    const subject = '"><svg/onload=alert(1)> Счёт';
    const pdf = Buffer.from('%PDF-1.4 the same bytes twice');
    await mail.deliver(await compose({
      from: 'semenov@example.ru', to: 'support@pult.test', subject, messageId: id, html, text: 'Счёт во вложении',
      attachments: [{ filename: '"><img src=x onerror=alert(1)>.pdf', content: pdf, contentType: 'application/pdf' }, { filename: 'копия.pdf', content: pdf, contentType: 'application/pdf' }],
    }));
    const m = await storedLetter(id);
    expect(m.body).toBe(html);
    expect(m.subject).toBe(subject);
    expect(m.customer_id).toBe(CUSTOMER_IDS.semenov);
    const files = await db().selectFrom('attachments').selectAll().where('message_id', '=', m.id).orderBy('position').execute();
    expect(files.map((f) => f.file_name)).toEqual(['"><img src=x onerror=alert(1)>.pdf', 'копия.pdf']);
    expect(files[0]!.sha256).toBe(files[1]!.sha256);
    expect(await db().selectFrom('attachment_blobs').select('sha256').where('sha256', '=', files[0]!.sha256!).execute()).toHaveLength(1);
  });

  it('reads what arrived while it was away from the last UID on, once each, and survives a server restart', async () => {
    await reader.stop();
    const ids = [mid(), mid(), mid()];
    for (const [i, id] of ids.entries()) await mail.deliver(await compose({ from: `client${i}@example.org`, to: 'support@pult.test', subject: `Вопрос ${i}`, messageId: id, text: `Текст ${i}` }));
    const before = Number((await db().selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    reader = startReader();
    for (const id of ids) await storedLetter(id);
    // Dovecot goes away and comes back: the reader reconnects by itself and goes on with IDLE.
    await mail.dovecot.restart();
    const late = mid();
    await waitFor('reconnect', async () => reader.connected());
    await mail.deliver(await compose({ from: 'late@example.org', to: 'support@pult.test', subject: 'После перезапуска', messageId: late, text: 'Ещё один' }));
    await storedLetter(late);
    const after = Number((await db().selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(after - before).toBe(4);
  });

  it('a recreated folder (new UIDVALIDITY) is read again from the start without storing anything twice', async () => {
    const id = mid();
    await mail.deliver(await compose({ from: 'again@example.org', to: 'support@pult.test', subject: 'Пересоздание', messageId: id, text: 'Один раз' }));
    await storedLetter(id);
    await reader.stop();
    await db().updateTable('email_mailboxes').set({ uid_validity: 1 }).where('mailbox', '=', reader.mailbox).execute();
    const before = await h.counts();
    reader = startReader();
    await waitFor('the mailbox read again', async () => {
      const s = await db().selectFrom('email_mailboxes').selectAll().where('mailbox', '=', reader.mailbox).executeTakeFirstOrThrow();
      return Number(s.uid_validity) !== 1 && reader.counts.duplicate >= 5 && reader.connected();
    });
    expect(await h.counts()).toEqual(before);
  });
});

describe('threading', () => {
  it('a reply by In-Reply-To or References joins its conversation; a new subject without references is a new one', async () => {
    const first = mid();
    await mail.deliver(await compose({ from: 'thread@example.org', to: 'support@pult.test', subject: 'Смена тарифа', messageId: first, text: 'Хочу сменить тариф' }));
    const a = await storedLetter(first);
    const second = mid();
    await mail.deliver(await compose({ from: 'thread@example.org', to: 'support@pult.test', subject: 'Re: Смена тарифа', messageId: second, inReplyTo: first, references: [first], text: 'Дополнение' }));
    expect((await storedLetter(second)).conversation_id).toBe(a.conversation_id);
    // Only References, with an unknown id after the known one.
    const third = mid();
    await mail.deliver(await compose({ from: 'other-address@example.org', to: 'support@pult.test', subject: 'Fwd: тариф', messageId: third, references: [first, '<unknown@elsewhere>'], text: 'Пересылаю' }));
    expect((await storedLetter(third)).conversation_id).toBe(a.conversation_id);
    // The same sender, a new subject, no references: a new request.
    const fourth = mid();
    await mail.deliver(await compose({ from: 'thread@example.org', to: 'support@pult.test', subject: 'Счёт за ноябрь', messageId: fourth, text: 'Другой вопрос' }));
    expect((await storedLetter(fourth)).conversation_id).not.toBe(a.conversation_id);
    // No references but the same subject with Re: from the same sender: the open conversation.
    const fifth = mid();
    await mail.deliver(await compose({ from: 'thread@example.org', to: 'support@pult.test', subject: 'RE: Re: Смена тарифа', messageId: fifth, text: 'Без заголовков' }));
    expect((await storedLetter(fifth)).conversation_id).toBe(a.conversation_id);
  });
});

describe('e-mail out (SMTP)', () => {
  it('sends a reply with our Message-ID, the thread headers, text and escaped HTML parts and the files; the customer answering it joins the conversation', async () => {
    const first = mid();
    await mail.deliver(await compose({ from: 'Алёна <alena.ivanova@example.ru>', to: 'support@pult.test', subject: 'Роутер', messageId: first, references: ['<older@example.ru>'], text: 'Роутер мигает' }));
    const m = await storedLetter(first);
    const file = await h.upload(Buffer.from('%PDF-1.4 инструкция'), 'Инструкция.pdf', 'application/pdf');
    const replyId = await reply(m.conversation_id, 'Перезагрузите роутер <b>кнопкой</b> & подождите', [file]);
    expect(await h.dispatcher.runOnce()).toBe(1);
    const sent = await h.message(replyId);
    expect(sent).toMatchObject({ delivery_status: 'sent', channel_message_id: `<${replyId}@pult.test>` });
    const got = smtp.received.at(-1)!;
    expect(got.to).toEqual(['alena.ivanova@example.ru']);
    expect(got.mail.messageId).toBe(`<${replyId}@pult.test>`);
    expect(got.mail.subject).toBe('Re: Роутер');
    expect(got.mail.inReplyTo).toBe(first);
    expect(got.mail.references).toEqual(['<older@example.ru>', first]);
    expect(got.mail.text?.trim()).toBe('Перезагрузите роутер <b>кнопкой</b> & подождите');
    expect(got.mail.html).toContain('Перезагрузите роутер &lt;b&gt;кнопкой&lt;/b&gt; &amp; подождите');
    expect(got.mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['Инструкция.pdf', '%PDF-1.4 инструкция']]);
    expect(got.mail.from?.value[0]?.address).toBe('support@pult.test');

    // The customer answers our letter: In-Reply-To is our Message-ID.
    const answer = mid();
    await mail.deliver(await compose({ from: 'alena.ivanova@example.ru', to: 'support@pult.test', subject: 'Re: Роутер', messageId: answer, inReplyTo: `<${replyId}@pult.test>`, text: 'Помогло' }));
    expect((await storedLetter(answer)).conversation_id).toBe(m.conversation_id);
  });

  it('a 5xx refusal is final (channel_rejected); a 4xx is tried again and then goes out', async () => {
    const a = mid();
    await mail.deliver(await compose({ from: 'nobody@example.net', to: 'support@pult.test', subject: 'Отказ', messageId: a, text: 'x' }));
    const ca = await storedLetter(a);
    smtp.refuse.set('nobody@example.net', 550);
    const r1 = await reply(ca.conversation_id, 'Ответ');
    await h.dispatcher.runOnce();
    expect(await h.message(r1)).toMatchObject({ delivery_status: 'failed', delivery_error_code: 'channel_rejected', delivery_attempts: 1 });
    expect(String((await h.message(r1)).delivery_error)).toMatch(/^SMTP 550/);

    const b = mid();
    await mail.deliver(await compose({ from: 'busy@example.net', to: 'support@pult.test', subject: 'Занято', messageId: b, text: 'x' }));
    const cb = await storedLetter(b);
    smtp.refuse.set('busy@example.net', 451);
    const r2 = await reply(cb.conversation_id, 'Ответ');
    await h.dispatcher.runOnce();
    expect(await h.message(r2)).toMatchObject({ delivery_status: 'queued', delivery_attempts: 1 });
    smtp.refuse.delete('busy@example.net');
    await h.dispatcher.runOnce();
    expect(await h.message(r2)).toMatchObject({ delivery_status: 'sent', delivery_attempts: 2 });
  });

  it('a bounce (DSN) marks the reply failed with email_bounced and opens no conversation', async () => {
    const a = mid();
    await mail.deliver(await compose({ from: 'gone@example.com', to: 'support@pult.test', subject: 'Адрес', messageId: a, text: 'x' }));
    const c = await storedLetter(a);
    const r = await reply(c.conversation_id, 'Ответ на несуществующий адрес');
    await h.dispatcher.runOnce();
    expect(await h.message(r)).toMatchObject({ delivery_status: 'sent' });
    const before = await h.counts();
    const boundary = 'dsn-boundary';
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>', 'To: support@pult.test', 'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <bounce-${randomUUID()}@mx.example.com>`, 'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`, '',
      `--${boundary}`, 'Content-Type: text/plain; charset=us-ascii', '', 'I could not deliver your message.', '',
      `--${boundary}`, 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example.com', '',
      'Final-Recipient: rfc822; gone@example.com', 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 User unknown', '',
      `--${boundary}`, 'Content-Type: text/rfc822-headers', '', 'From: support@pult.test', 'To: gone@example.com', `Message-ID: <${r}@pult.test>`, 'Subject: Re: Адрес', '',
      `--${boundary}--`, '',
    ].join('\r\n');
    await mail.deliver(dsn);
    const failed = await waitFor('bounce applied', async () => {
      const row = await h.message(r);
      return row.delivery_status === 'failed' ? row : null;
    });
    expect(failed).toMatchObject({ delivery_error_code: 'email_bounced' });
    expect(String(failed.delivery_error)).toContain('5.1.1');
    expect((await h.counts()).conversations).toBe(before.conversations);
  });

  it('an old-style MAILER-DAEMON bounce with the returned letter quoted in its text is recognised too', async () => {
    const a = mid();
    await mail.deliver(await compose({ from: 'old@example.su', to: 'support@pult.test', subject: 'Старый сервер', messageId: a, text: 'x' }));
    const c = await storedLetter(a);
    const r = await reply(c.conversation_id, 'Ответ');
    await h.dispatcher.runOnce();
    const before = await h.counts();
    await mail.deliver(await compose({
      from: 'MAILER-DAEMON@mail.example.su', to: 'support@pult.test', subject: 'failure notice', messageId: `<qmail-${randomUUID()}@mail.example.su>`,
      text: `Hi. This is the qmail-send program at mail.example.su.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n\n<old@example.su>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message.\n\nFrom: support@pult.test\nTo: old@example.su\nMessage-ID: <${r}@pult.test>\nSubject: Re: Старый сервер\n`,
    }));
    await waitFor('bounce applied', async () => (await h.message(r)).delivery_error_code === 'email_bounced');
    expect((await h.counts()).messages).toBe(before.messages);
  });
});
