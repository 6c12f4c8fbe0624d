// One letter from a mailbox into the inbox, in one synced transaction with the mailbox's last UID:
// a bounce marks our reply failed; anything else goes through ingestInbound (deduplicated by its
// Message-ID) into the conversation its headers thread it to, with its threading headers kept for
// replies. The route decides, per channel, whose letter it is (e-mail: the From address; fax: the
// number the gateway wrote); a letter it cannot place is still kept.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withSyncedTransaction } from '../../sync/synced-transaction.ts';
import type { IncomingFile } from '../attachment-store.ts';
import { ingestInbound } from '../ingest.ts';
import type { ContactHints } from '../match-customer.ts';
import { applyBounce, bounceDetails, isBounce } from './bounce.ts';
import { advanceMailbox } from './mailbox-state.ts';
import type { Letter } from './parse-letter.ts';
import { threadOf } from './thread.ts';

/** Where a letter goes in its channel: whose it is, and what of it is kept. */
export interface LetterRoute {
  channel: 'email' | 'fax';
  place(letter: Letter, log: FastifyBaseLogger): { externalAddress: string; contact: ContactHints; body: string; files: IncomingFile[] };
}

export const emailRoute: LetterRoute = {
  channel: 'email',
  place(letter) {
    return {
      // A letter without a readable From is kept; a reply to it fails at the SMTP server.
      externalAddress: letter.fromAddress ?? 'unknown-sender@pult.invalid',
      contact: { emails: letter.fromAddress ? [letter.fromAddress] : [] },
      body: letter.body,
      files: letter.files,
    };
  },
};

export type LetterOutcome = 'stored' | 'duplicate' | 'bounce';

export interface ReceiveDeps {
  db: Kysely<DB>;
  now: () => Date;
  log: FastifyBaseLogger;
}

export async function receiveLetter(deps: ReceiveDeps, route: LetterRoute, mailbox: string, uid: number, letter: Letter, source: Buffer): Promise<LetterOutcome> {
  const bounce = isBounce(letter) ? bounceDetails(source, letter) : null;
  const placed = bounce ? null : route.place(letter, deps.log);
  return withSyncedTransaction(deps.db, async (trx): Promise<LetterOutcome> => {
    const now = deps.now();
    await advanceMailbox(trx, mailbox, uid, now);
    if (bounce) {
      const failed = await applyBounce(trx, route.channel, bounce, now);
      deps.log.info({ channel: route.channel, uid, repliesFailed: failed }, failed ? 'bounce applied to a reply' : 'bounce for no reply of ours: skipped');
      return 'bounce';
    }
    const p = placed!;
    const thread = await threadOf(trx, route.channel, letter, p.externalAddress);
    const r = await ingestInbound(trx, {
      channel: route.channel, channelMessageId: letter.messageId, externalAddress: p.externalAddress, body: p.body, sentAt: letter.sentAt,
      contact: p.contact, files: p.files, subject: letter.subject?.slice(0, 500) ?? null, thread,
    }, now);
    if (r.status === 'duplicate') return 'duplicate';
    await trx
      .insertInto('email_messages')
      .values({
        message_id: r.messageId, rfc_message_id: letter.messageId, in_reply_to: letter.inReplyTo, references_ids: letter.references.slice(-50),
        from_address: letter.fromAddress, subject: letter.subject,
      })
      .execute();
    return 'stored';
  });
}
