// An agent's state change (ready, not ready and why, wrap-up, offline), kept with the time it
// happened on the PC: queued offline, it still lands at its real time for the supervisor. The id is
// the client's, so a resend adds nothing; a time far in the future is a broken clock, refused.
import type { z } from 'zod';
import type { MUTATION_SCHEMAS } from '../../../../contract/index.ts';
import type { MutationContext } from './context.ts';
import { MutationRefused } from './refusal.ts';

/** PCs' clocks drift; more than this ahead of the server's is not drift. */
const MAX_CLOCK_AHEAD_MS = 10 * 60 * 1000;

export async function setAgentState(ctx: MutationContext, args: z.output<(typeof MUTATION_SCHEMAS)['agent.setState']>): Promise<void> {
  const at = new Date(args.at);
  if (at.getTime() - ctx.now.getTime() > MAX_CLOCK_AHEAD_MS) {
    throw new MutationRefused('invalid_input', "the change is dated in the future: check the computer's clock", `${ctx.prefix}.at`);
  }
  const existing = await ctx.trx.selectFrom('agent_state_changes').select(['agent_id', 'state', 'reason', 'at']).where('id', '=', args.changeId).executeTakeFirst();
  if (existing) {
    if (existing.agent_id === ctx.agent.id && existing.state === args.state && existing.reason === args.reason && new Date(existing.at).getTime() === at.getTime()) return;
    throw new MutationRefused('conflict', 'a different state change already has this id', `${ctx.prefix}.changeId`);
  }
  await ctx.trx
    .insertInto('agent_state_changes')
    .values({ id: args.changeId, agent_id: ctx.agent.id, state: args.state, reason: args.reason, at, received_at: ctx.now })
    .execute();
}
