// Knowledge-base articles: lists without bodies, one article with its body.
import type { Kysely } from 'kysely';
import type { Article, ArticleCategory, ArticleSummary } from '../../../../contract/index.ts';
import type { DB } from '../schema.ts';

export async function listArticles(db: Kysely<DB>, q: { category?: ArticleCategory; limit: number; offset: number }): Promise<{ articles: ArticleSummary[]; total: number }> {
  let base = db.selectFrom('kb_articles');
  if (q.category) base = base.where('category', '=', q.category);
  const [rows, count] = await Promise.all([
    base.select(['id', 'category', 'title', 'tags', 'updated_at']).orderBy('category').orderBy('title').orderBy('id').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    articles: rows.map((r) => ({ id: r.id, category: r.category as ArticleCategory, title: r.title, tags: r.tags, updatedAt: r.updated_at.toISOString() })),
    total: Number(count.n),
  };
}

export async function getArticle(db: Kysely<DB>, id: string): Promise<Article | null> {
  const r = await db.selectFrom('kb_articles').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, category: r.category as ArticleCategory, title: r.title, body: r.body, tags: r.tags, updatedAt: r.updated_at.toISOString() } : null;
}
