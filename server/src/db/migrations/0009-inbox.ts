// The unified inbox's messages from and to the chat channels (Telegram, WhatsApp; e-mail and fax
// later): the channel's own message id (deduplication, status updates), the delivery of replies,
// attachments stored once by content, the webhooks already processed, and when the customer last
// wrote (WhatsApp lets a business answer freely only within 24 hours of that).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('messages')
    // The channel's id of the message, unique per channel. Telegram numbers messages per chat, so
    // its id is written "<chat id>:<message id>"; WhatsApp's wamid is unique on its own.
    .addColumn('channel', 'text', (c) => c.check(sql`channel in ('email', 'fax', 'whatsapp', 'telegram')`))
    .addColumn('channel_message_id', 'text')
    // Replies only: queued → sent → delivered → read, or failed with a reason code and the
    // channel's own words. Null for what customers wrote and for internal notes.
    .addColumn('delivery_status', 'text', (c) => c.check(sql`delivery_status in ('queued', 'sent', 'delivered', 'read', 'failed')`))
    .addColumn('delivery_error_code', 'text')
    .addColumn('delivery_error', 'text')
    .addColumn('delivery_updated_at', 'timestamptz')
    .addColumn('delivery_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // When the dispatcher may (next) try to send a queued reply.
    .addColumn('next_attempt_at', 'timestamptz')
    // A WhatsApp template reply: {name, language, parameters}.
    .addColumn('template', 'jsonb')
    .execute();
  await db.schema
    .alterTable('messages')
    .addCheckConstraint('messages_channel_id_with_channel', sql`(channel_message_id is null) or (channel is not null)`)
    .execute();
  await sql`create unique index messages_channel_message_idx on messages (channel, channel_message_id) where channel_message_id is not null`.execute(db);
  await sql`create index messages_dispatch_idx on messages (next_attempt_at) where delivery_status = 'queued'`.execute(db);

  // Attachment bytes are stored once per content (sha256), as bytea in the database rather than
  // in a content-addressed folder: the bytes commit or roll back with their message (no orphan or
  // missing files after a crash), one backup holds everything, several server processes need no
  // shared disk, and PGlite and PostgreSQL behave alike. The size limit (50 MB by default) keeps
  // rows far below bytea's 1 GB, and TOAST keeps them out of the table's pages.
  await db.schema
    .createTable('attachment_blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One file as a message carries it (its name and type); the bytes are shared. `refused` says why
  // a file was not kept (too large, could not be downloaded): the message itself is kept anyway.
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('message_id', 'uuid', (c) => c.references('messages.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sha256', 'text', (c) => c.references('attachment_blobs.sha256'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('refused', 'text', (c) => c.check(sql`refused in ('too_large', 'download_failed')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('attachments_stored_or_refused', sql`(sha256 is null) <> (refused is null)`)
    .execute();
  await db.schema.createIndex('attachments_message_idx').on('attachments').columns(['message_id', 'position']).execute();

  // Webhook deliveries already processed (Telegram's update_id, a hash of WhatsApp's body): the
  // channels resend when they do not hear 200 in time, and a replay must change nothing.
  await db.schema
    .createTable('channel_webhook_events')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_webhook_events_pk', ['channel', 'event_id'])
    .execute();

  await db.schema.alterTable('conversations').addColumn('last_inbound_at', 'timestamptz').execute();
  // The open conversation of a channel's sender is looked up by (channel, address) on every message.
  await db.schema.createIndex('conversations_channel_address_idx').on('conversations').columns(['channel', 'external_address', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_channel_address_idx').execute();
  await db.schema.alterTable('conversations').dropColumn('last_inbound_at').execute();
  await db.schema.dropTable('channel_webhook_events').execute();
  await db.schema.dropTable('attachments').execute();
  await db.schema.dropTable('attachment_blobs').execute();
  await db.schema.dropIndex('messages_dispatch_idx').execute();
  await db.schema.dropIndex('messages_channel_message_idx').execute();
  await db.schema
    .alterTable('messages')
    .dropConstraint('messages_channel_id_with_channel')
    .execute();
  await db.schema
    .alterTable('messages')
    .dropColumn('channel')
    .dropColumn('channel_message_id')
    .dropColumn('delivery_status')
    .dropColumn('delivery_error_code')
    .dropColumn('delivery_error')
    .dropColumn('delivery_updated_at')
    .dropColumn('delivery_attempts')
    .dropColumn('next_attempt_at')
    .dropColumn('template')
    .execute();
}
