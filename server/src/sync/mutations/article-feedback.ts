// "Helped / outdated" on a knowledge-base article: any signed-in agent, once per mutation.
import type { z } from 'zod';
import type { MUTATION_SCHEMAS } from '../../../../contract/index.ts';
import type { MutationContext } from './context.ts';
import { MutationRefused } from './refusal.ts';

export async function articleFeedback(ctx: MutationContext, args: z.output<(typeof MUTATION_SCHEMAS)['article.feedback']>): Promise<void> {
  const article = await ctx.trx.selectFrom('kb_articles').select('id').where('id', '=', args.articleId).executeTakeFirst();
  if (!article) throw new MutationRefused('not_found', 'the article no longer exists', `${ctx.prefix}.articleId`);
  await ctx.trx
    .insertInto('article_feedback')
    .values({ article_id: args.articleId, agent_id: ctx.agent.id, verdict: args.verdict, comment: args.comment || null, created_at: ctx.now })
    .execute();
}
