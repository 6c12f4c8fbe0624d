// The first schema: reference data, customers and their money, knowledge base, conversations,
// calls, sign-in sessions and the audit log. Enumerations are written out (not imported from the
// contract) so this migration means the same thing forever; later changes get their own file.
import { sql, type Kysely } from 'kysely';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export async function up(db: Kysely<unknown>): Promise<void> {
  // Trigram index for "any part of the name" search; contrib module in PostgreSQL, bundled in PGlite.
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agents')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in (${list(['operator', 'personal_manager', 'supervisor', 'quality_manager', 'admin'])})`))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Sign-in is case-insensitive: one account per login whatever its case.
  await sql`create unique index agents_login_lower_idx on agents (lower(login))`.execute(db);

  await db.schema
    .createTable('tariffs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('speed_mbps', 'integer', (c) => c.notNull().check(sql`speed_mbps > 0`))
    .addColumn('monthly_fee', 'bigint', (c) => c.notNull())
    .addColumn('connection_type', 'text', (c) => c.notNull().check(sql`connection_type in (${list(['apartment_ethernet', 'private_house'])})`))
    .execute();

  await db.schema
    .createTable('extra_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('monthly_fee', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('customers')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('account_number', 'text', (c) => c.notNull().unique())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('name_search', 'text', (c) => c.notNull())
    .addColumn('phones', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('emails', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('telegram_id', 'text')
    .addColumn('whatsapp_id', 'text')
    .addColumn('address_region', 'text', (c) => c.notNull())
    .addColumn('address_city', 'text', (c) => c.notNull())
    .addColumn('address_street', 'text', (c) => c.notNull())
    .addColumn('address_house', 'text', (c) => c.notNull())
    .addColumn('address_apartment', 'text')
    .addColumn('connection_type', 'text', (c) => c.notNull().check(sql`connection_type in (${list(['apartment_ethernet', 'private_house'])})`))
    .addColumn('tariff_id', 'text', (c) => c.notNull().references('tariffs.id'))
    .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('personal_manager_id', 'uuid', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // Lookups: phone (array containment), name (trigram, any part), portfolio, messenger ids.
  await sql`create index customers_phones_idx on customers using gin (phones)`.execute(db);
  await sql`create index customers_emails_idx on customers using gin (emails)`.execute(db);
  await sql`create index customers_name_trgm_idx on customers using gin (name_search gin_trgm_ops)`.execute(db);
  await db.schema.createIndex('customers_manager_idx').on('customers').column('personal_manager_id').execute();
  await db.schema.createIndex('customers_telegram_idx').on('customers').column('telegram_id').where('telegram_id', 'is not', null).execute();
  await db.schema.createIndex('customers_whatsapp_idx').on('customers').column('whatsapp_id').where('whatsapp_id', 'is not', null).execute();

  await db.schema
    .createTable('customer_extra_services')
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('extra_service_id', 'text', (c) => c.notNull().references('extra_services.id'))
    .addPrimaryKeyConstraint('customer_extra_services_pk', ['customer_id', 'extra_service_id'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('method', 'text', (c) =>
      c.notNull().check(sql`method in (${list(['bank_card', 'sbp', 'bank_transfer', 'cash_terminal', 'online_banking', 'promised_payment'])})`))
    .addColumn('paid_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${list(['completed', 'mistaken', 'refunded'])})`))
    .execute();
  await db.schema.createIndex('payments_customer_idx').on('payments').columns(['customer_id', 'paid_at']).execute();

  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) =>
      c.notNull().check(sql`category in (${list(['financial', 'administrative', 'technical', 'promotions', 'extra_services', 'connection'])})`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_articles_category_idx').on('kb_articles').columns(['category', 'title']).execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in (${list(['phone', 'email', 'fax', 'whatsapp', 'telegram'])})`))
    .addColumn('customer_id', 'uuid', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('external_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in (${list(['new', 'open', 'waiting_customer', 'resolved'])})`))
    .addColumn('category', 'text', (c) =>
      c.check(sql`category in (${list(['financial', 'administrative', 'technical', 'promotions', 'extra_services', 'connection'])})`))
    .addColumn('assignee_id', 'uuid', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conversations_customer_idx').on('conversations').columns(['customer_id', 'updated_at']).execute();
  await db.schema.createIndex('conversations_assignee_idx').on('conversations').columns(['assignee_id', 'status']).execute();
  await db.schema.createIndex('conversations_address_idx').on('conversations').column('external_address').execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in (${list(['in', 'out', 'internal_note'])})`))
    .addColumn('author_agent_id', 'uuid', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('messages_conversation_idx').on('messages').columns(['conversation_id', 'created_at']).execute();

  await db.schema
    .createTable('calls')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('set null'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in (${list(['in', 'out'])})`))
    .addColumn('agent_id', 'uuid', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz')
    .addColumn('ended_at', 'timestamptz')
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in (${list(['answered', 'missed', 'declined', 'failed'])})`))
    .addColumn('ivr_choice', 'text')
    .execute();
  await db.schema.createIndex('calls_agent_idx').on('calls').columns(['agent_id', 'started_at']).execute();
  await db.schema.createIndex('calls_conversation_idx').on('calls').column('conversation_id').execute();
  await db.schema.createIndex('calls_number_idx').on('calls').columns(['number', 'started_at']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('sessions_agent_idx').on('sessions').column('agent_id').execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();

  // No foreign key to agents: the record of who did what outlives the account.
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_agent_id', 'uuid')
    .addColumn('actor_login', 'text')
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('fields', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_agent_id', 'id']).execute();
  await db.schema.createIndex('audit_log_target_idx').on('audit_log').columns(['target_id', 'id']).execute();
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_log', 'sessions', 'calls', 'messages', 'conversations', 'kb_articles', 'payments',
    'customer_extra_services', 'customers', 'extra_services', 'tariffs', 'agents', 'sites',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
