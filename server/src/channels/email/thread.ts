// Which conversation a letter belongs to. The rule:
//  1. In-Reply-To, then References from the newest back: the first that names a letter we hold (the
//     customer's, or a reply of ours: every reply goes out with its own Message-ID, kept) gives its
//     conversation, if that is not resolved. A letter answering a resolved conversation starts a new
//     one, as a new message does on every channel.
//  2. No reference we know (clients that drop the headers): the sender's open conversation with the
//     same subject, Re:/Fwd: prefixes aside.
//  3. Otherwise a new conversation: for e-mail a new subject without references is a new request,
//     even from a sender who has another one open.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { baseSubject } from './message-id.ts';

export async function threadOf(
  trx: Transaction<DB>,
  channel: 'email' | 'fax',
  letter: { inReplyTo: string | null; references: string[]; subject: string | null },
  externalAddress: string,
): Promise<{ conversationId: string } | 'new'> {
  const refs = [...new Set([...(letter.inReplyTo ? [letter.inReplyTo] : []), ...[...letter.references].reverse()])].slice(0, 100);
  if (refs.length) {
    const known = await trx
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select(['m.channel_message_id', 'c.id', 'c.status'])
      .where('m.channel', '=', channel)
      .where('m.channel_message_id', 'in', refs)
      .execute();
    for (const ref of refs) {
      const hit = known.find((k) => k.channel_message_id === ref);
      if (hit) return hit.status === 'resolved' ? 'new' : { conversationId: hit.id };
    }
  }
  const subject = baseSubject(letter.subject);
  if (!subject) return 'new';
  const open = await trx
    .selectFrom('conversations')
    .select(['id', 'subject'])
    .where('channel', '=', channel)
    .where('external_address', '=', externalAddress)
    .where('status', '<>', 'resolved')
    .orderBy('updated_at', 'desc')
    .limit(50)
    .execute();
  const same = open.find((c) => baseSubject(c.subject) === subject);
  return same ? { conversationId: same.id } : 'new';
}
