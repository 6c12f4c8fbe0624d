// The sync engine's tables: the change feed (latest state per entity and audience), the collision
// rows that make concurrent writers of one scoped entity conflict, the push bookkeeping per client,
// and article feedback (the first mutation). Why versions are stamped at commit: server/src/sync/README.md.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Not owned by a column: `truncate … restart identity` must never rewind it, or a replica whose
  // cursor is past the restart would silently ignore every new change. `cache 1`: with a per-session
  // cache, a session could stamp a lower number after another session's higher one had committed.
  await sql`create sequence sync_feed_version_seq as bigint cache 1`.execute(db);

  await db.schema
    .createTable('sync_feed')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    // null = every agent; else the one agent this row is for (scoped entities).
    .addColumn('audience', 'uuid')
    .addColumn('op', 'text', (c) => c.notNull().check(sql`op in ('upsert', 'delete')`))
    .addColumn('data', 'jsonb')
    // null while the writing transaction runs; stamped just before it commits.
    .addColumn('version', 'bigint')
    .addCheckConstraint('sync_feed_data_check', sql`(op = 'upsert') = (data is not null)`)
    .addUniqueConstraint('sync_feed_key', ['entity', 'entity_id', 'audience'], (u) => u.nullsNotDistinct())
    .execute();
  await db.schema.createIndex('sync_feed_version_idx').on('sync_feed').column('version').execute();
  await db.schema.createIndex('sync_feed_audience_idx').on('sync_feed').columns(['audience', 'version']).execute();

  await db.schema
    .createTable('sync_touch')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('sync_touch_pk', ['entity', 'entity_id'])
    .execute();

  await db.schema
    .createTable('sync_clients')
    .addColumn('client_id', 'uuid', (c) => c.primaryKey())
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sync_mutation_results')
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('sync_clients.client_id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied', 'rejected')`))
    .addColumn('error', 'jsonb')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('sync_mutation_results_pk', ['client_id', 'seq'])
    .execute();

  await db.schema
    .createTable('article_feedback')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('article_id', 'uuid', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('agent_id', 'uuid', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('verdict', 'text', (c) => c.notNull().check(sql`verdict in ('helped', 'outdated')`))
    .addColumn('comment', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_feedback_article_idx').on('article_feedback').columns(['article_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['article_feedback', 'sync_mutation_results', 'sync_clients', 'sync_touch', 'sync_feed']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`drop sequence if exists sync_feed_version_seq`.execute(db);
}
