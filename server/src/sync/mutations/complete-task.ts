// A follow-up task done (the customer called back). Only its assignee closes it; closing a closed
// task changes nothing, so a resend is harmless.
import type { z } from 'zod';
import type { MUTATION_SCHEMAS } from '../../../../contract/index.ts';
import { recordChanges } from '../record-changes.ts';
import type { MutationContext } from './context.ts';
import { MutationRefused } from './refusal.ts';

export async function completeTask(ctx: MutationContext, args: z.output<(typeof MUTATION_SCHEMAS)['task.complete']>): Promise<void> {
  const task = await ctx.trx.selectFrom('tasks').select(['assignee_id', 'status']).where('id', '=', args.taskId).forUpdate().executeTakeFirst();
  if (!task) throw new MutationRefused('not_found', 'the task no longer exists', `${ctx.prefix}.taskId`);
  if (task.assignee_id !== ctx.agent.id) throw new MutationRefused('forbidden', 'this task is assigned to someone else', `${ctx.prefix}.taskId`);
  if (task.status === 'done') return;
  await ctx.trx.updateTable('tasks').set({ status: 'done', done_at: ctx.now }).where('id', '=', args.taskId).execute();
  // Done just now, it stays in its assignee's scope (done within the window): only its data changes.
  await recordChanges(ctx.trx, 'task', [args.taskId]);
}
