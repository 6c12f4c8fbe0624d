// Promotions and wrap-up codes: two catalogues every agent's replica holds (contract/domain/
// promotion.ts, wrap-up.ts). Promotion dates are calendar days: an offer runs "until 31 March".
import { sql, type Kysely } from 'kysely';

const CATEGORIES = sql`('financial', 'administrative', 'technical', 'promotions', 'extra_services', 'connection')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('promotions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('new', 'existing', 'any')`))
    .addColumn('starts_on', 'date')
    .addColumn('ends_on', 'date')
    .addColumn('tariff_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('article_id', 'uuid', (c) => c.references('kb_articles.id').onDelete('set null'))
    .addCheckConstraint('promotions_dates', sql`starts_on is null or ends_on is null or starts_on <= ends_on`)
    .execute();

  await db.schema
    .createTable('wrap_up_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ${CATEGORIES}`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('wrap_up_codes').execute();
  await db.schema.dropTable('promotions').execute();
}
