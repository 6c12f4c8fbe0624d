// A call that ended on the agent's softphone goes into the call history (their replica's, through
// the feed, and the server's). The id is the client's: a resend changes nothing; the same id with
// other facts, or another agent's, is a conflict. The customer, when given, must exist and be
// reachable for this agent (a personal manager: the portfolio).
import type { z } from 'zod';
import type { MUTATION_SCHEMAS, Role } from '../../../../contract/index.ts';
import { refreshScopeOfRowsIn } from '../scope.ts';
import type { MutationContext } from './context.ts';
import { MutationRefused } from './refusal.ts';

export const MAY_PHONE: Role[] = ['operator', 'personal_manager', 'supervisor'];

type Args = z.output<(typeof MUTATION_SCHEMAS)['call.log']>;

const same = (a: Date | string | null, b: string | null) => (a === null || b === null ? a === b : new Date(a).getTime() === Date.parse(b));

export async function logCall(ctx: MutationContext, args: Args): Promise<void> {
  const { agent, prefix, trx } = ctx;
  if (!MAY_PHONE.includes(agent.role)) throw new MutationRefused('forbidden', `this needs one of the roles: ${MAY_PHONE.join(', ')}`);
  const existing = await trx.selectFrom('calls').select(['agent_id', 'number', 'started_at', 'ended_at', 'result']).where('id', '=', args.callId).executeTakeFirst();
  if (existing) {
    if (existing.agent_id === agent.id && existing.number === args.number && same(existing.started_at, args.startedAt) && same(existing.ended_at, args.endedAt) && existing.result === args.result) return;
    throw new MutationRefused('conflict', 'a different call already has this id', `${prefix}.callId`);
  }
  if (args.customerId) {
    const customer = await trx.selectFrom('customers').select(['personal_manager_id']).where('id', '=', args.customerId).executeTakeFirst();
    if (!customer) throw new MutationRefused('not_found', 'customer not found', `${prefix}.customerId`);
    if (agent.role === 'personal_manager' && customer.personal_manager_id !== agent.id) {
      throw new MutationRefused('forbidden', 'this customer is not in your portfolio', `${prefix}.customerId`);
    }
  }
  await trx
    .insertInto('calls')
    .values({
      id: args.callId, conversation_id: null, direction: args.direction, agent_id: agent.id, number: args.number, customer_id: args.customerId,
      started_at: new Date(args.startedAt), answered_at: args.answeredAt ? new Date(args.answeredAt) : null, ended_at: new Date(args.endedAt),
      result: args.result, ivr_choice: args.ivrChoice,
    })
    .execute();
  // The new call enters its agent's scope (call history) in this transaction, if it started within
  // the scope window (a call queued offline for weeks does not). Nothing else moves: the call has no
  // conversation yet, and a customer enters an operator's scope through a conversation, not a call.
  await refreshScopeOfRowsIn(trx, agent.id, [{ entity: 'call', ids: [args.callId] }], { now: ctx.now, scopeDays: ctx.scopeDays });
}
