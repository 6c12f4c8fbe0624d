// The knowledge base: hand-written articles from content/, one file per category, given ids and
// dates. Titles must be unique — a duplicate is a mistake in the content, so it throws.
import type { Article, ArticleCategory } from '../../../contract/index.ts';
import { administrativeArticles } from './content/administrative.ts';
import type { ArticleDraft } from './content/article-kit.ts';
import { connectionArticles } from './content/connection.ts';
import { extraServiceArticles } from './content/extra-services.ts';
import { financialArticles } from './content/financial.ts';
import { promotionArticles } from './content/promotions.ts';
import { technicalArticles } from './content/technical.ts';
import { createRng, isoBefore, STREAMS, TIME } from './gen-random.ts';

export function articleDrafts(now: Date): ReadonlyArray<readonly [ArticleCategory, ArticleDraft]> {
  const of = (category: ArticleCategory, drafts: ArticleDraft[]) => drafts.map((d) => [category, d] as const);
  return [
    ...of('financial', financialArticles()),
    ...of('administrative', administrativeArticles()),
    ...of('technical', technicalArticles()),
    ...of('promotions', promotionArticles(now)),
    ...of('extra_services', extraServiceArticles()),
    ...of('connection', connectionArticles()),
  ];
}

export function generateArticles(opts: { seed: number; now: Date }): Article[] {
  const rng = createRng(opts.seed, STREAMS.articles);
  const seen = new Set<string>();
  return articleDrafts(opts.now).map(([category, d]) => {
    if (seen.has(d.title)) throw new Error(`duplicate knowledge-base title: ${d.title}`);
    seen.add(d.title);
    return {
      id: rng.uuid(),
      category,
      title: d.title,
      body: d.body,
      tags: [...new Set(d.tags)],
      updatedAt: isoBefore(opts.now, rng.int(TIME.day, 400 * TIME.day)),
    };
  });
}
