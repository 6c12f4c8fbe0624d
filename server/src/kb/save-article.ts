// Saving an article edited in the app: a new article, or a change checked against the version the
// editor started from. Each save adds a version (the pre-edit text becomes revision 1 the first
// time), writes the audit log and puts the article in the feed, all in one synced transaction.
import type { Kysely, Transaction } from 'kysely';
import type { AgentWithSite, Article, ArticleCategory, ArticleDraft, ArticleSaved, ArticleUpdate } from '../../../contract/index.ts';
import { writeAudit } from '../db/queries/audit.ts';
import type { DB } from '../db/schema.ts';
import { HttpError, notFound } from '../http/errors.ts';
import { recordChanges } from '../sync/record-changes.ts';
import { withSyncedTransaction } from '../sync/synced-transaction.ts';

export interface SaveContext {
  db: Kysely<DB>;
  agent: AgentWithSite;
  ip: string | null;
  now: Date;
}

const uniqueTags = (tags: readonly string[]) => [...new Set(tags)];

async function addVersion(trx: Transaction<DB>, id: string, draft: ArticleDraft, agentId: string, at: Date): Promise<number> {
  const last = await trx.selectFrom('kb_article_versions').select((eb) => eb.fn.max('revision').as('r')).where('article_id', '=', id).executeTakeFirst();
  const revision = Number(last?.r ?? 0) + 1;
  await trx
    .insertInto('kb_article_versions')
    .values({ article_id: id, revision, category: draft.category, title: draft.title, body: draft.body, tags: uniqueTags(draft.tags), edited_at: at, edited_by: agentId, note: draft.note || null })
    .execute();
  return revision;
}

async function finish(trx: Transaction<DB>, id: string, ctx: SaveContext, fields: string[]): Promise<Article> {
  await recordChanges(trx, 'article', [id]);
  await writeAudit(trx, { action: 'article_saved', actorAgentId: ctx.agent.id, actorLogin: ctx.agent.login, targetType: 'article', targetId: id, fields, ip: ctx.ip });
  const r = await trx.selectFrom('kb_articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { id: r.id, category: r.category as ArticleCategory, title: r.title, body: r.body, tags: r.tags, updatedAt: r.updated_at.toISOString() };
}

export function createArticle(ctx: SaveContext, draft: ArticleDraft): Promise<ArticleSaved> {
  const id = crypto.randomUUID();
  return withSyncedTransaction(ctx.db, async (trx) => {
    await trx
      .insertInto('kb_articles')
      .values({ id, category: draft.category, title: draft.title, body: draft.body, tags: uniqueTags(draft.tags), updated_at: ctx.now })
      .execute();
    const revision = await addVersion(trx, id, draft, ctx.agent.id, ctx.now);
    return { article: await finish(trx, id, ctx, ['category', 'title', 'body', 'tags']), revision };
  });
}

export function updateArticle(ctx: SaveContext, id: string, update: ArticleUpdate): Promise<ArticleSaved> {
  return withSyncedTransaction(ctx.db, async (trx) => {
    const before = await trx.selectFrom('kb_articles').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('article');
    if (before.updated_at.getTime() !== new Date(update.baseUpdatedAt).getTime()) {
      throw new HttpError(
        409,
        'conflict',
        `the article was changed at ${before.updated_at.toISOString()} after you opened it; reopen it and apply your change again`,
        'baseUpdatedAt',
      );
    }
    const tags = uniqueTags(update.tags);
    const fields = [
      before.category !== update.category && 'category',
      before.title !== update.title && 'title',
      before.body !== update.body && 'body',
      before.tags.join('\u0000') !== tags.join('\u0000') && 'tags',
    ].filter((f): f is string => typeof f === 'string');
    if (fields.length === 0) throw new HttpError(400, 'invalid_input', 'nothing changed: the text is the same as the saved one');
    const hasVersions = await trx.selectFrom('kb_article_versions').select('revision').where('article_id', '=', id).limit(1).executeTakeFirst();
    if (!hasVersions) {
      // The text as imported, so the first edit can be compared with it.
      await trx
        .insertInto('kb_article_versions')
        .values({ article_id: id, revision: 1, category: before.category, title: before.title, body: before.body, tags: before.tags, edited_at: before.updated_at, edited_by: null, note: null })
        .execute();
    }
    // Strictly later than the previous version, so `baseUpdatedAt` always tells versions apart.
    const updatedAt = new Date(Math.max(ctx.now.getTime(), before.updated_at.getTime() + 1));
    await trx.updateTable('kb_articles').set({ category: update.category, title: update.title, body: update.body, tags, updated_at: updatedAt }).where('id', '=', id).execute();
    const revision = await addVersion(trx, id, update, ctx.agent.id, updatedAt);
    return { article: await finish(trx, id, ctx, fields), revision };
  });
}
