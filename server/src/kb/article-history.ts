// What the quality manager reads: an article's versions (who changed what, when, why) and the
// operators' "helped / outdated" feedback per article over a period.
import { sql, type Kysely } from 'kysely';
import { ARTICLE_VERSIONS_MAX, FEEDBACK_SUMMARY_MAX, type ArticleCategory, type ArticleVersion, type FeedbackSummary } from '../../../contract/index.ts';
import type { DB } from '../db/schema.ts';

export async function listArticleVersions(db: Kysely<DB>, articleId: string): Promise<ArticleVersion[]> {
  const rows = await db
    .selectFrom('kb_article_versions as v')
    .leftJoin('agents as a', 'a.id', 'v.edited_by')
    .select(['v.revision', 'v.category', 'v.title', 'v.body', 'v.tags', 'v.edited_at', 'v.note', 'a.id as agent_id', 'a.display_name'])
    .where('v.article_id', '=', articleId)
    .orderBy('v.revision', 'desc')
    .limit(ARTICLE_VERSIONS_MAX)
    .execute();
  return rows.map((r) => ({
    revision: r.revision,
    category: r.category as ArticleCategory,
    title: r.title,
    body: r.body,
    tags: r.tags,
    editedAt: r.edited_at.toISOString(),
    editedBy: r.agent_id && r.display_name ? { id: r.agent_id, displayName: r.display_name } : null,
    note: r.note,
  }));
}

interface SummaryRow {
  article_id: string;
  title: string;
  category: string;
  helped: number;
  outdated: number;
  last_at: Date;
  comments: Array<{ verdict: 'helped' | 'outdated'; comment: string; at: string; agentName: string | null }> | null;
}

export async function feedbackSummary(db: Kysely<DB>, days: number, now: Date): Promise<FeedbackSummary> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const r = await sql<SummaryRow>`
    with f as (select * from article_feedback where created_at >= ${since})
    select k.id as article_id, k.title, k.category,
           count(*) filter (where f.verdict = 'helped')::int as helped,
           count(*) filter (where f.verdict = 'outdated')::int as outdated,
           max(f.created_at) as last_at,
           (select jsonb_agg(c order by c.at desc) from (
              select g.verdict, g.comment, to_char(g.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, a.display_name as "agentName"
                from f g left join agents a on a.id = g.agent_id
               where g.article_id = k.id and g.comment is not null
               order by g.created_at desc limit 5) c) as comments
      from f join kb_articles k on k.id = f.article_id
     group by k.id, k.title, k.category
     order by outdated desc, last_at desc
     limit ${FEEDBACK_SUMMARY_MAX}`.execute(db);
  return {
    days,
    articles: r.rows.map((x) => ({
      articleId: x.article_id,
      title: x.title,
      category: x.category as ArticleCategory,
      helped: x.helped,
      outdated: x.outdated,
      lastAt: new Date(x.last_at).toISOString(),
      comments: x.comments ?? [],
    })),
  };
}
