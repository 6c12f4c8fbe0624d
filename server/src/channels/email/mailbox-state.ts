// Where reading a mailbox got to: its UIDVALIDITY and the highest UID stored. The UID moves in the
// same transaction as the letter it belongs to, so a crash between the two cannot skip or double a
// letter; a new UIDVALIDITY (the folder was recreated) starts again from UID 0, and deduplication by
// Message-ID keeps the letters already stored from coming in twice.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The last UID stored under this UIDVALIDITY (0 when it is new), recording the UIDVALIDITY. */
export async function openMailboxState(db: Kysely<DB>, mailbox: string, uidValidity: bigint, now: Date): Promise<number> {
  const row = await db.selectFrom('email_mailboxes').select(['uid_validity', 'last_uid']).where('mailbox', '=', mailbox).executeTakeFirst();
  if (row && BigInt(row.uid_validity) === uidValidity) return Number(row.last_uid);
  await db
    .insertInto('email_mailboxes')
    .values({ mailbox, uid_validity: uidValidity.toString(), last_uid: 0, updated_at: now })
    .onConflict((oc) => oc.column('mailbox').doUpdateSet({ uid_validity: uidValidity.toString(), last_uid: 0, updated_at: now }))
    .execute();
  return 0;
}

export async function advanceMailbox(trx: Transaction<DB>, mailbox: string, uid: number, now: Date): Promise<void> {
  await trx
    .updateTable('email_mailboxes')
    .set((eb) => ({ last_uid: eb.fn('greatest', [eb.ref('last_uid'), eb.val(uid)]), updated_at: now }))
    .where('mailbox', '=', mailbox)
    .execute();
}
