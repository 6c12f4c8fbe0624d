// Versions of knowledge-base articles edited in the app: the full text of each revision with who
// saved it, when and why. The state an article had before its first edit is kept as revision 1.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('kb_article_versions')
    .addColumn('article_id', 'uuid', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('tags', sql`text[]`, (c) => c.notNull())
    .addColumn('edited_at', 'timestamptz', (c) => c.notNull())
    .addColumn('edited_by', 'uuid', (c) => c.references('agents.id').onDelete('set null'))
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('kb_article_versions_pk', ['article_id', 'revision'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('kb_article_versions').execute();
}
