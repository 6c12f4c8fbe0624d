// Replies as letters through SMTP (nodemailer): the words as a text part and as the same text
// HTML-escaped, files from the attachment store, our own Message-ID (made from the reply's id, so a
// resend after a crash is the same letter to the customer's client), and In-Reply-To / References of
// the customer's last letter so their client threads the answer under it. The SMTP server's answer
// decides what happens next: 4xx and a lost connection are tried again by the dispatcher, 5xx is final.
import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DB } from '../../db/schema.ts';
import type { ChannelAdapter, OutboundReply, SendResult } from '../adapter.ts';
import { ownMessageId } from './message-id.ts';
import type { MailServer } from './settings.ts';

export interface MailAdapterOptions {
  channel: 'email' | 'fax';
  from: string;
  /** The envelope recipient for a conversation's external address (fax: the gateway's address of the number). */
  recipient(externalAddress: string): string;
  /** Checked before anything is sent; a refusal is final (fax: a PDF must be attached). */
  check?(reply: OutboundReply): string | null;
}

export function createSmtpTransport(server: MailServer, timeoutMs: number): Transporter {
  return nodemailer.createTransport({
    host: server.host, port: server.port, secure: server.security === 'tls', requireTLS: server.security === 'starttls', ignoreTLS: server.security === 'none',
    ...(server.user ? { auth: { user: server.user, pass: server.password ?? '' } } : {}),
    connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs,
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function textAsHtml(text: string): string {
  return `<!doctype html><html><body><div style="white-space: pre-wrap">${escapeHtml(text).replace(/\r?\n/g, '<br>\n')}</div></body></html>`;
}

const reSubject = (s: string | null) => (!s ? 'Re:' : /^\s*re\s*:/i.test(s) ? s : `Re: ${s}`);

/** What the reply answers: the customer's last letter in its conversation. */
async function threadHeaders(db: Kysely<DB>, replyId: string): Promise<{ subject: string | null; inReplyTo: string | null; references: string[] }> {
  const row = await db
    .selectFrom('messages as r')
    .innerJoin('conversations as cv', 'cv.id', 'r.conversation_id')
    .select(['cv.id', 'cv.subject'])
    .where('r.id', '=', replyId)
    .executeTakeFirst();
  if (!row) return { subject: null, inReplyTo: null, references: [] };
  const last = await db
    .selectFrom('messages as m')
    .innerJoin('email_messages as e', 'e.message_id', 'm.id')
    .select(['e.rfc_message_id', 'e.references_ids', 'e.subject'])
    .where('m.conversation_id', '=', row.id)
    .where('m.direction', '=', 'in')
    .orderBy('m.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return { subject: row.subject, inReplyTo: null, references: [] };
  return { subject: last.subject ?? row.subject, inReplyTo: last.rfc_message_id, references: [...last.references_ids, last.rfc_message_id].slice(-20) };
}

/** What an SMTP error means for the dispatcher. */
export function smtpFailure(err: unknown, anythingSent = false): SendResult & { ok: false } {
  const e = err as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const status = typeof e.responseCode === 'number' ? e.responseCode : null;
  const words = String(e.response ?? e.message ?? 'error').slice(0, 1900);
  if (status !== null && status >= 500) return { ok: false, retryable: false, code: 'channel_rejected', description: `SMTP ${status}: ${words}` };
  if (status !== null && status >= 400) return { ok: false, retryable: !anythingSent, code: 'channel_unreachable', description: `SMTP ${status}: ${words}` };
  if (e.code === 'EAUTH') return { ok: false, retryable: false, code: 'channel_rejected', description: `SMTP authentication failed: ${words}` };
  return { ok: false, retryable: !anythingSent, code: 'channel_unreachable', description: `SMTP server unreachable (${String(e.code ?? 'no answer')})` };
}

export function smtpAdapter(db: Kysely<DB>, transport: Transporter, opts: MailAdapterOptions): ChannelAdapter {
  return {
    async send(reply): Promise<SendResult> {
      if (reply.template) return { ok: false, retryable: false, code: 'channel_rejected', description: 'templates are a WhatsApp feature' };
      const refused = opts.check?.(reply);
      if (refused) return { ok: false, retryable: false, code: 'channel_rejected', description: refused };
      const messageId = ownMessageId(reply.messageId, opts.from);
      const t = await threadHeaders(db, reply.messageId);
      const subject = reSubject(t.subject);
      await db
        .insertInto('email_messages')
        .values({ message_id: reply.messageId, rfc_message_id: messageId, in_reply_to: t.inReplyTo, references_ids: t.references, from_address: opts.from, subject })
        .onConflict((oc) => oc.column('message_id').doNothing())
        .execute();
      try {
        await transport.sendMail({
          from: opts.from, to: opts.recipient(reply.to), subject, messageId,
          ...(t.inReplyTo ? { inReplyTo: t.inReplyTo, references: t.references } : {}),
          text: reply.body, html: textAsHtml(reply.body),
          attachments: reply.files.map((f) => ({ filename: f.fileName, contentType: f.mimeType, content: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) })),
        });
      } catch (err) {
        return smtpFailure(err);
      }
      return { ok: true, channelMessageId: messageId };
    },
  };
}
