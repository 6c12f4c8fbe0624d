// Bounces: a delivery status notification (multipart/report; report-type=delivery-status, RFC 3464)
// or the older MAILER-DAEMON / postmaster forms. The letter it is about is found by the Message-ID
// of the returned headers (or an Original-Message-ID field) among our replies, which is then marked
// failed with email_bounced and the reason the DSN gives. A bounce is never a customer's letter.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordChanges } from '../../sync/record-changes.ts';
import type { Letter } from './parse-letter.ts';
import { messageIdKeys } from './message-id.ts';

const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECT = /undeliver|returned mail|delivery (status notification|failure|has failed)|failure notice|mail delivery failed|не доставлен|недоставлен|возвращ[её]нное/i;

export function isBounce(letter: Letter): boolean {
  if (/^multipart\/report\b/.test(letter.contentType) && /report-type="?delivery-status/.test(letter.contentType)) return true;
  return !!letter.fromAddress && BOUNCE_SENDER.test(letter.fromAddress) && BOUNCE_SUBJECT.test(letter.subject ?? '');
}

/** The Message-IDs a bounce quotes (the returned letter's headers), and the reason it gives. */
export function bounceDetails(source: Buffer, letter: Letter): { originalIds: string[]; reason: string } {
  // The raw source (a DSN's parts are plain ASCII) and the decoded text (a returned letter quoted in
  // a quoted-printable or base64 body, as qmail and others do).
  const text = `${source.toString('latin1')}\n${letter.body}`;
  const ids = [...text.matchAll(/^(?:original-)?message-id:[ \t]*(.*(?:\r?\n[ \t].*)*)/gim)].flatMap((m) => messageIdKeys(m[1]));
  const field = (name: string) => new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(text)?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
  const reason = [field('status') && `Status: ${field('status')}`, field('diagnostic-code') && `Diagnostic-Code: ${field('diagnostic-code')}`]
    .filter(Boolean).join('; ') || (letter.subject ?? 'bounced');
  return { originalIds: [...new Set(ids)].filter((id) => id !== letter.messageId), reason: reason.slice(0, 2000) };
}

/** Marks our replies the bounce is about as failed; returns how many. */
export async function applyBounce(trx: Transaction<DB>, channel: 'email' | 'fax', details: { originalIds: string[]; reason: string }, at: Date): Promise<number> {
  if (!details.originalIds.length) return 0;
  const rows = await trx
    .updateTable('messages')
    .set({ delivery_status: 'failed', delivery_error_code: 'email_bounced', delivery_error: details.reason, delivery_updated_at: at, next_attempt_at: null })
    .where('channel', '=', channel)
    .where('direction', '=', 'out')
    .where('channel_message_id', 'in', details.originalIds.slice(0, 100))
    .where('delivery_status', 'in', ['queued', 'sent', 'delivered'])
    .returning('id')
    .execute();
  if (rows.length) await recordChanges(trx, 'message', rows.map((r) => r.id));
  return rows.length;
}
