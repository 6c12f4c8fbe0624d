// The e-mail and fax channels: where reading each IMAP mailbox got to (UIDVALIDITY and the last UID
// stored, so a restart fetches only what is new, and a new UIDVALIDITY refetches everything and
// relies on deduplication by Message-ID), and the headers of each letter a conversation is threaded
// by (Message-ID, In-Reply-To, References) and a reply is built from (its subject, whom it came from).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_mailboxes')
    // "<channel>:<user>@<host>:<port>/<mailbox>": another account or server starts from scratch.
    .addColumn('mailbox', 'text', (c) => c.primaryKey())
    .addColumn('uid_validity', 'bigint', (c) => c.notNull())
    .addColumn('last_uid', 'bigint', (c) => c.notNull().check(sql`last_uid >= 0`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  // One row per letter in or out (messages.channel_message_id holds the same Message-ID, the key
  // replies and bounces are matched by). references_ids: the References header, oldest first.
  await db.schema
    .createTable('email_messages')
    .addColumn('message_id', 'uuid', (c) => c.primaryKey().references('messages.id').onDelete('cascade'))
    .addColumn('rfc_message_id', 'text', (c) => c.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('references_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('from_address', 'text')
    .addColumn('subject', 'text')
    .execute();
  await db.schema.createIndex('email_messages_rfc_id_idx').on('email_messages').column('rfc_message_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_messages').execute();
  await db.schema.dropTable('email_mailboxes').execute();
}
