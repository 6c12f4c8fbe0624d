// Letters as they really come, through Dovecot: KOI8-R and windows-1251 bodies, subjects and file
// names; charsets declared wrongly or unknown; broken MIME; a letter mailparser cannot read at all
// (kept whole as message.eml); attachments over the size limit (refused with their size, the
// letter kept), both when the letter is fetched whole and when it is too large for that and only
// its parts that fit are downloaded — the real 50 MB limit included. None of them loses the letter
// or holds up the ones after it.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImapReader, type ImapReader } from '../../../server/src/channels/email/imap-reader.ts';
import { UNREADABLE_BODY } from '../../../server/src/channels/email/parse-letter.ts';
import { emailRoute } from '../../../server/src/channels/email/receive-letter.ts';
import { ATTACHMENT_MAX_BYTES } from '../../../server/src/channels/settings.ts';
import { startChannelHarness, type ChannelHarness } from './fakes/channel-harness.ts';
import { compose, encodedWord, encodeSingleByte, rawLetter } from './fakes/mail-letters.ts';
import { startMailbox, startSmtpCapture, waitFor, type MailboxServer, type SmtpCapture } from './fakes/mail-servers.ts';

const START = new Date(Math.floor(Date.now() / 1000) * 1000);

let mail: MailboxServer;
let smtp: SmtpCapture;
let h: ChannelHarness;
let reader: ImapReader;

beforeAll(async () => {
  [mail, smtp] = await Promise.all([startMailbox(['support', 'big']), startSmtpCapture()]);
  h = await startChannelHarness({ email: { imap: mail.imap(), smtp: smtp.settings, from: 'support@pult.test' } }, START);
  reader = startImapReader({ db: h.database.db, imap: mail.imap(), route: emailRoute, attachmentMaxBytes: h.settings.attachmentMaxBytes, now: () => h.clock.now, log: h.app.log, backoffMs: 100 });
});
afterAll(async () => {
  await reader?.stop();
  await h?.close();
  await smtp?.close();
  await mail?.close();
});

const db = () => h.database.db;
const mid = () => `<mime-${randomUUID()}@customer.example>`;

async function stored(messageId: string, timeoutMs?: number) {
  const m = await waitFor(`letter ${messageId}`, () =>
    db().selectFrom('messages as m').innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select(['m.id', 'm.body', 'c.subject', 'c.external_address']).where('m.channel', '=', 'email').where('m.channel_message_id', '=', messageId).executeTakeFirst(), timeoutMs);
  const files = await db().selectFrom('attachments').select(['file_name', 'mime_type', 'size', 'refused', 'sha256']).where('message_id', '=', m.id).orderBy('position').execute();
  return { ...m, files: files.map((f) => ({ ...f, size: Number(f.size) })) };
}

describe('charsets', () => {
  it.each(['koi8-r', 'windows-1251'] as const)('decodes a %s body, subject and file name to the same Russian text', async (charset) => {
    const id = mid();
    const words = 'Здравствуйте! Не работает интернет, ёлки-палки.';
    const boundary = 'b1';
    await mail.deliver(rawLetter({
      From: 'klient@example.ru', To: 'support@pult.test', Subject: encodedWord('Жалоба на связь', charset), 'Message-ID': id, 'MIME-Version': '1.0',
      'Content-Type': `multipart/mixed; boundary="${boundary}"`,
    }, Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`),
      encodeSingleByte(words, charset),
      Buffer.from(`\r\n--${boundary}\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=${charset}''${[...encodeSingleByte('Акт сверки.pdf', charset)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')}\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from('%PDF-1.4').toString('base64')}\r\n--${boundary}--\r\n`),
    ])));
    const m = await stored(id);
    expect(m.body.trim()).toBe(words);
    expect(m.subject).toBe('Жалоба на связь');
    expect(m.files.map((f) => f.file_name)).toEqual(['Акт сверки.pdf']);
  });

  it('keeps a letter whose declared charset is wrong or unknown (the text may be garbled, the letter is there)', async () => {
    const wrong = mid();
    await mail.deliver(rawLetter({ From: 'a@example.ru', Subject: 'utf-8, а на деле cp1251', 'Message-ID': wrong, 'Content-Type': 'text/plain; charset=utf-8' }, encodeSingleByte('Привет, мир', 'windows-1251')));
    const unknown = mid();
    await mail.deliver(rawLetter({ From: 'b@example.ru', Subject: 'unknown', 'Message-ID': unknown, 'Content-Type': 'text/plain; charset=x-no-such-charset' }, encodeSingleByte('Привет', 'koi8-r')));
    const none = mid();
    await mail.deliver(rawLetter({ From: 'c@example.ru', Subject: 'none', 'Message-ID': none }, encodeSingleByte('Без кодировки', 'windows-1251')));
    for (const id of [wrong, unknown, none]) expect((await stored(id)).body.length).toBeGreaterThan(0);
  });
});

describe('broken letters', () => {
  it.each([
    ['a multipart without its closing boundary', (id: string) => rawLetter({ From: 'x@example.ru', 'Message-ID': id, 'Content-Type': 'multipart/mixed; boundary="zz"' }, '--zz\r\nContent-Type: text/plain\r\n\r\ncut off here')],
    ['a multipart without a boundary parameter', (id: string) => rawLetter({ From: 'x@example.ru', 'Message-ID': id, 'Content-Type': 'multipart/mixed' }, '--q\r\n\r\ntext\r\n--q--')],
    ['broken base64 in an attachment', (id: string) => rawLetter({ From: 'x@example.ru', 'Message-ID': id, 'Content-Type': 'multipart/mixed; boundary=b' }, '--b\r\nContent-Type: text/plain\r\n\r\nsee file\r\n--b\r\nContent-Type: image/png; name=a.png\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not*base64===\r\n--b--\r\n')],
    ['header lines without a colon and NUL bytes in the body', (id: string) => rawLetter({ From: 'x@example.ru', 'Message-ID': id, 'Garbage line without colon\r\nX-Ok': 'yes' }, 'before\u0000after')],
  ])('keeps %s', async (_what, build) => {
    const id = mid();
    await mail.deliver(build(id));
    const m = await stored(id);
    expect(m.external_address).toBe('x@example.ru');
  });

  it('keeps a letter mailparser cannot read at all as message.eml, and goes on with the next one', async () => {
    const id = mid();
    // More nested parts than mailparser allows (it stops at 999), yet under the test's 64 KB file limit.
    const nested = Array.from({ length: 1000 }, (_, i) => `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n`).join('');
    const source = Buffer.from(`From: deep@example.ru\r\nMessage-ID: ${id}\r\n${nested}`);
    await mail.deliver(source);
    const next = mid();
    await mail.deliver(await compose({ from: 'after@example.ru', subject: 'Следующее', messageId: next, text: 'ok' }));
    const m = await stored(id);
    expect(m.body).toBe(UNREADABLE_BODY);
    expect(m.files).toMatchObject([{ file_name: 'message.eml', mime_type: 'message/rfc822', refused: null }]);
    const bytes = await db().selectFrom('attachment_blobs').select('bytes').where('sha256', '=', m.files[0]!.sha256!).executeTakeFirstOrThrow();
    expect(Buffer.from(bytes.bytes).equals(source)).toBe(true);
    expect((await stored(next)).body.trim()).toBe('ok');
  });
});

describe('size limit', () => {
  it('refuses an attachment over the limit with its size and keeps the letter and the files that fit', async () => {
    const id = mid();
    const limit = h.settings.attachmentMaxBytes;
    await mail.deliver(await compose({
      from: 'big@example.ru', subject: 'Большой файл', messageId: id, text: 'Смотрите вложения',
      attachments: [{ filename: 'big.bin', content: randomBytes(limit + 1) }, { filename: 'small.txt', content: 'маленький' }],
    }));
    const m = await stored(id);
    expect(m.body.trim()).toBe('Смотрите вложения');
    expect(m.files).toMatchObject([{ file_name: 'big.bin', refused: 'too_large', size: limit + 1, sha256: null }, { file_name: 'small.txt', refused: null }]);
  });

  it('reads a letter too large to fetch whole part by part: its text and the files that fit are kept', async () => {
    const id = mid();
    const limit = h.settings.attachmentMaxBytes;
    const huge = randomBytes(2 * 1024 * 1024);
    const fits = randomBytes(limit - 10);
    await mail.deliver(await compose({
      from: 'huge@example.ru', subject: 'Очень большое письмо', messageId: id, text: 'Текст большого письма', html: '<p>Текст <b>большого</b> письма</p>',
      attachments: [{ filename: 'video.mp4', content: huge, contentType: 'video/mp4' }, { filename: 'scan.pdf', content: fits, contentType: 'application/pdf' }],
    }));
    const m = await stored(id);
    expect(m.body).toBe('<p>Текст <b>большого</b> письма</p>');
    expect(m.subject).toBe('Очень большое письмо');
    expect(m.files).toMatchObject([{ file_name: 'video.mp4', mime_type: 'video/mp4', refused: 'too_large' }, { file_name: 'scan.pdf', refused: null, size: limit - 10 }]);
    expect(m.files[0]!.size).toBeGreaterThan(limit);
  });

  it('with the real 50 MB limit: a 51 MB attachment is refused, the letter and its words kept', async () => {
    const big = startImapReader({ db: db(), imap: mail.imap('big'), route: emailRoute, attachmentMaxBytes: ATTACHMENT_MAX_BYTES, now: () => h.clock.now, log: h.app.log });
    try {
      const id = mid();
      await mail.deliver(await compose({ from: 'scan@example.ru', subject: 'Скан договора', messageId: id, text: 'Договор во вложении', attachments: [{ filename: 'dogovor.tiff', content: Buffer.alloc(51 * 1024 * 1024, 7), contentType: 'image/tiff' }] }), 'big');
      const m = await stored(id, 50_000);
      expect(m.body.trim()).toBe('Договор во вложении');
      expect(m.files).toMatchObject([{ file_name: 'dogovor.tiff', refused: 'too_large', sha256: null }]);
      expect(m.files[0]!.size).toBeGreaterThan(ATTACHMENT_MAX_BYTES);
    } finally {
      await big.stop();
    }
  });
});
