// Fax through an e-mail-to-fax gateway, against Dovecot and a captured SMTP server: each fax is a
// letter in the fax mailbox with the pages as PDF/TIFF attachments and the sender's number where
// the configured rule finds it (subject or a header); it becomes a fax conversation under the
// number in E.164, matched to the customer by phone. Letters without a number or without pages are
// kept. An outgoing fax is a reply with a PDF, sent as a letter to the gateway's address of the number.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImapReader, type ImapReader } from '../../../server/src/channels/email/imap-reader.ts';
import type { FaxSettings } from '../../../server/src/channels/email/settings.ts';
import { faxRoute, UNKNOWN_FAX_NUMBER } from '../../../server/src/channels/fax/route.ts';
import { channelSettingsFromEnv } from '../../../server/src/channels/settings.ts';
import { startChannelHarness, type ChannelHarness } from './fakes/channel-harness.ts';
import { compose } from './fakes/mail-letters.ts';
import { startMailbox, startSmtpCapture, waitFor, type MailboxServer, type SmtpCapture } from './fakes/mail-servers.ts';
import { AGENT_IDS, CUSTOMER_IDS } from './fixtures.ts';

const START = new Date(Math.floor(Date.now() / 1000) * 1000);

let mail: MailboxServer;
let smtp: SmtpCapture;
let h: ChannelHarness;
let readers: ImapReader[] = [];
let fax: FaxSettings;

beforeAll(async () => {
  [mail, smtp] = await Promise.all([startMailbox(['fax', 'faxhdr']), startSmtpCapture()]);
  // The settings as an administrator writes them, through the same parser the server uses.
  const env = {
    PULT_FAX_IMAP_URL: `imap://fax:fax-secret@${mail.dovecot.host}:${mail.dovecot.port}/INBOX`, PULT_FAX_IMAP_TLS: 'none',
    PULT_FAX_SMTP_HOST: smtp.settings.host, PULT_FAX_SMTP_PORT: String(smtp.settings.port), PULT_FAX_SMTP_TLS: 'none',
    PULT_FAX_FROM: 'fax@pult.test', PULT_FAX_GATEWAY_ADDRESS: '{number}@fax.example', PULT_FAX_NUMBER_PATTERN: 'Fax from (\\+?[\\d ()-]+)',
  };
  fax = channelSettingsFromEnv(env).fax!;
  h = await startChannelHarness({ fax }, START);
  const common = { db: h.database.db, attachmentMaxBytes: h.settings.attachmentMaxBytes, now: () => h.clock.now, log: h.app.log, backoffMs: 100 };
  readers = [
    startImapReader({ ...common, imap: fax.imap, route: faxRoute(fax.numberRule) }),
    // Another gateway that puts the number into a header of its own.
    startImapReader({ ...common, imap: mail.imap('faxhdr'), route: faxRoute({ source: { kind: 'header', name: 'x-fax-sender' }, pattern: /(.+)/ }) }),
  ];
});
afterAll(async () => {
  for (const r of readers) await r.stop();
  await h?.close();
  await smtp?.close();
  await mail?.close();
});

const db = () => h.database.db;
const pdf = (n: number) => Buffer.from(`%PDF-1.4 page ${n} ${randomUUID()}`);

async function stored(messageId: string) {
  const m = await waitFor(`fax ${messageId}`, () =>
    db().selectFrom('messages as m').innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select(['m.id', 'c.id as conversation_id', 'c.channel', 'c.external_address', 'c.customer_id']).where('m.channel', '=', 'fax').where('m.channel_message_id', '=', messageId).executeTakeFirst());
  const files = await db().selectFrom('attachments').select(['file_name', 'mime_type']).where('message_id', '=', m.id).orderBy('position').execute();
  return { ...m, files };
}

describe('fax in', () => {
  it('a fax letter becomes a fax conversation under the E.164 number, the customer matched by phone, its pages first', async () => {
    const id = `<fax-${randomUUID()}@gateway.example>`;
    await mail.deliver(await compose({
      from: 'gateway@fax.example', subject: 'Fax from 8 (495) 642-85-85, 2 pages', messageId: id, text: 'Received fax',
      attachments: [{ filename: 'cover.txt', content: 'x' }, { filename: 'fax.pdf', content: pdf(1), contentType: 'application/pdf' }, { filename: 'p2.tif', content: pdf(2), contentType: 'image/tiff' }],
    }), 'fax');
    const m = await stored(id);
    expect(m).toMatchObject({ channel: 'fax', external_address: '+74956428585', customer_id: CUSTOMER_IDS.ivanova });
    expect(m.files.map((f) => f.file_name)).toEqual(['fax.pdf', 'p2.tif', 'cover.txt']);
  });

  it('reads the number from a header when the gateway is set up so', async () => {
    const id = `<fax-${randomUUID()}@gateway.example>`;
    await mail.deliver(await compose({ from: 'gw@fax.example', subject: 'New fax', messageId: id, headers: { 'X-Fax-Sender': '+7 484 256-78-90' }, attachments: [{ filename: 'a.pdf', content: pdf(3), contentType: 'application/pdf' }] }), 'faxhdr');
    expect(await stored(id)).toMatchObject({ external_address: '+74842567890', customer_id: CUSTOMER_IDS.semenov });
  });

  it('keeps a letter without a number, and one without pages', async () => {
    const noNumber = `<fax-${randomUUID()}@gateway.example>`;
    await mail.deliver(await compose({ from: 'gateway@fax.example', subject: 'Fax received', messageId: noNumber, attachments: [{ filename: 'x.pdf', content: pdf(4), contentType: 'application/pdf' }] }), 'fax');
    expect(await stored(noNumber)).toMatchObject({ external_address: UNKNOWN_FAX_NUMBER, customer_id: null });
    const noPages = `<fax-${randomUUID()}@gateway.example>`;
    await mail.deliver(await compose({ from: 'gateway@fax.example', subject: 'Fax from +7 903 111-22-33', messageId: noPages, text: 'transmission failed' }), 'fax');
    expect(await stored(noPages)).toMatchObject({ external_address: '+79031112233', files: [] });
  });
});

describe('fax out', () => {
  async function queue(conversationId: string, files: Array<[string, string, Buffer]>) {
    const messageId = randomUUID();
    await db().insertInto('messages').values({
      id: messageId, conversation_id: conversationId, direction: 'out', author_agent_id: AGENT_IDS.operator, body: 'Ответ на ваш факс', created_at: h.clock.now,
      channel: 'fax', delivery_status: 'queued', delivery_updated_at: h.clock.now, next_attempt_at: h.clock.now,
    }).execute();
    for (const [position, [name, type, bytes]] of files.entries()) {
      const id = await h.upload(bytes, name, type);
      await db().updateTable('attachments').set({ message_id: messageId, position }).where('id', '=', id).execute();
    }
    return messageId;
  }

  it('sends a reply with a PDF to the gateway address of the number; without a PDF it is refused, nothing sent', async () => {
    const id = `<fax-${randomUUID()}@gateway.example>`;
    await mail.deliver(await compose({ from: 'gateway@fax.example', subject: 'Fax from +7 916 123-45-67', messageId: id, attachments: [{ filename: 'in.pdf', content: pdf(5), contentType: 'application/pdf' }] }), 'fax');
    const m = await stored(id);
    const page = pdf(6);
    const ok = await queue(m.conversation_id, [['otvet.pdf', 'application/pdf', page]]);
    const noPdf = await queue(m.conversation_id, [['note.txt', 'text/plain', Buffer.from('x')]]);
    const before = smtp.received.length;
    await h.dispatcher.runOnce();
    expect(await h.message(ok)).toMatchObject({ delivery_status: 'sent' });
    expect(await h.message(noPdf)).toMatchObject({ delivery_status: 'failed', delivery_error_code: 'channel_rejected' });
    expect(smtp.received.length).toBe(before + 1);
    const sent = smtp.received.at(-1)!;
    expect(sent.to).toEqual(['79161234567@fax.example']);
    expect(sent.mail.attachments.map((a) => [a.filename, a.content.equals(page)])).toEqual([['otvet.pdf', true]]);
  });

  it('takes an operator\'s fax reply only with a PDF attached, and sends that one', async () => {
    const id = `<fax-${randomUUID()}@gateway.example>`;
    await mail.deliver(await compose({ from: 'gateway@fax.example', subject: 'Fax from +7 916 765-43-21', messageId: id, attachments: [{ filename: 'in.pdf', content: pdf(2), contentType: 'application/pdf' }] }), 'fax');
    const conversationId = (await stored(id)).conversation_id;
    await db().updateTable('conversations').set({ assignee_id: AGENT_IDS.operator, status: 'open' }).where('id', '=', conversationId).execute();
    const text = await h.upload(Buffer.from('не факс'), 'note.txt', 'text/plain');
    const refused = await h.push('operator', 'message.reply', { conversationId, messageId: randomUUID(), body: 'Без страниц', attachmentIds: [text] });
    expect(refused).toMatchObject({ status: 'rejected', error: { code: 'invalid_input', field: 'mutations.0.args.attachmentIds' } });
    expect(await h.push('operator', 'message.reply', { conversationId, messageId: randomUUID(), body: 'Совсем без файлов' })).toMatchObject({ status: 'rejected' });

    const page = pdf(3);
    const messageId = randomUUID();
    const pageId = await h.upload(page, 'schet.pdf', 'application/pdf');
    expect(await h.push('operator', 'message.reply', { conversationId, messageId, body: 'Счёт во вложении', attachmentIds: [pageId] })).toEqual({ seq: 1, status: 'applied' });
    await h.dispatcher.runOnce();
    expect(await h.message(messageId)).toMatchObject({ direction: 'out', delivery_status: 'sent', channel: 'fax' });
    const sent = smtp.received.at(-1)!;
    expect(sent.to).toEqual(['79167654321@fax.example']);
    expect(sent.mail.attachments.map((a) => [a.filename, a.content.equals(page)])).toEqual([['schet.pdf', true]]);
  });
});
