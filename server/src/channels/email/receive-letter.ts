// Letters from a mailbox into the inbox, a fetched batch of them in one synced transaction with the
// mailbox's last UID (a crash stores all of the batch or none of it, and the UID says which): a
// bounce marks our reply failed; anything else goes through ingestInbound (deduplicated by its
// Message-ID) into the conversation its headers thread it to, with its threading headers kept for
// replies. The batch's change-feed work is done once at its end (flushInboundFeed): per letter it
// was most of the cost of ingest. The route decides, per channel, whose letter it is (e-mail: the
// From address; fax: the number the gateway wrote); a letter it cannot place is still kept.
import type { FastifyBaseLogger } from 'fastify';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { withSyncedTransaction } from '../../sync/synced-transaction.ts';
import type { IncomingFile } from '../attachment-store.ts';
import { flushInboundFeed, ingestInbound, newInboundFeed, type InboundFeed } from '../ingest.ts';
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

/** A letter as fetched: its UID in the mailbox, what parseLetter made of it, and its source. */
export interface FetchedLetter {
  uid: number;
  letter: Letter;
  source: Buffer;
}

/**
 * Stores the letters (in UID order) in one transaction that also moves the mailbox's last UID past
 * them; returns each one's outcome, in their order. If any of them fails to store, none is stored
 * and the error goes up (the caller stores them one by one, see imap-reader.ts).
 */
export async function receiveLetters(deps: ReceiveDeps, route: LetterRoute, mailbox: string, letters: readonly FetchedLetter[]): Promise<LetterOutcome[]> {
  if (letters.length === 0) return [];
  // Outside the transaction: it may run more than once (a 40001 retry).
  const prepared = letters.map((l) => {
    const bounce = isBounce(l.letter) ? bounceDetails(l.source, l.letter) : null;
    return { ...l, bounce, placed: bounce ? null : route.place(l.letter, deps.log) };
  });
  const lastUid = Math.max(...letters.map((l) => l.uid));
  return withSyncedTransaction(deps.db, async (trx): Promise<LetterOutcome[]> => {
    const feed = newInboundFeed(deps.now());
    await advanceMailbox(trx, mailbox, lastUid, feed.now);
    const outcomes: LetterOutcome[] = [];
    const headers: Insertable<DB['email_messages']>[] = [];
    for (const l of prepared) outcomes.push(await receiveOne(trx, deps, route, l, feed, headers));
    // One insert for the batch: nothing before the commit reads them (replies do, later).
    if (headers.length) await trx.insertInto('email_messages').values(headers).execute();
    await flushInboundFeed(trx, feed);
    return outcomes;
  });
}

/** One letter in a transaction of its own (a letter too large to fetch with others, a retry alone). */
export async function receiveLetter(deps: ReceiveDeps, route: LetterRoute, mailbox: string, uid: number, letter: Letter, source: Buffer): Promise<LetterOutcome> {
  return (await receiveLetters(deps, route, mailbox, [{ uid, letter, source }]))[0]!;
}

async function receiveOne(
  trx: Transaction<DB>, deps: ReceiveDeps, route: LetterRoute,
  l: FetchedLetter & { bounce: ReturnType<typeof bounceDetails> | null; placed: ReturnType<LetterRoute['place']> | null },
  feed: InboundFeed, headers: Insertable<DB['email_messages']>[],
): Promise<LetterOutcome> {
  const { letter, bounce, uid } = l;
  const now = deps.now();
  if (bounce) {
    const failed = await applyBounce(trx, route.channel, bounce, now);
    deps.log.info({ channel: route.channel, uid, repliesFailed: failed }, failed ? 'bounce applied to a reply' : 'bounce for no reply of ours: skipped');
    return 'bounce';
  }
  const p = l.placed!;
  const thread = await threadOf(trx, route.channel, letter, p.externalAddress);
  const r = await ingestInbound(trx, {
    channel: route.channel, channelMessageId: letter.messageId, externalAddress: p.externalAddress, body: p.body, sentAt: letter.sentAt,
    contact: p.contact, files: p.files, subject: letter.subject?.slice(0, 500) ?? null, thread,
  }, now, feed);
  if (r.status === 'duplicate') return 'duplicate';
  headers.push({
    message_id: r.messageId, rfc_message_id: letter.messageId, in_reply_to: letter.inReplyTo, references_ids: letter.references.slice(-50),
    from_address: letter.fromAddress, subject: letter.subject,
  });
  return 'stored';
}
