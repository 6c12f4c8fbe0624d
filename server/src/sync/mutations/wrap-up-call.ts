// After-call work, saved: the call gets its wrap-up (code, category, result, note); it joins its
// conversation — the one it already has, else the client's new id becomes a phone conversation
// with the caller — whose category and status follow the wrap-up; a promised callback becomes a
// task for the agent's outbound work. Everything new enters the agent's scope in this transaction.
import type { z } from 'zod';
import type { ConversationStatus, MUTATION_SCHEMAS, WrapUpResult } from '../../../../contract/index.ts';
import { recordChanges } from '../record-changes.ts';
import { refreshScopeOfRowsIn } from '../scope.ts';
import type { MutationContext } from './context.ts';
import { MAY_PHONE } from './log-call.ts';
import { MutationRefused } from './refusal.ts';

type Args = z.output<(typeof MUTATION_SCHEMAS)['call.wrapUp']>;

/** Where the conversation stands after a call that ended so. */
const STATUS_AFTER: Record<WrapUpResult, ConversationStatus> = {
  resolved: 'resolved',
  info_given: 'resolved',
  refused: 'resolved',
  ticket_created: 'open',
  callback_needed: 'open',
  transferred: 'open',
};

export async function wrapUpCall(ctx: MutationContext, args: Args): Promise<void> {
  const { agent, prefix, trx, now } = ctx;
  if (!MAY_PHONE.includes(agent.role)) throw new MutationRefused('forbidden', `this needs one of the roles: ${MAY_PHONE.join(', ')}`);
  const call = await trx.selectFrom('calls').select(['agent_id', 'conversation_id', 'customer_id', 'number', 'started_at']).where('id', '=', args.callId).forUpdate().executeTakeFirst();
  if (!call) throw new MutationRefused('not_found', 'the call is not in the call history', `${prefix}.callId`);
  if (call.agent_id !== agent.id) throw new MutationRefused('forbidden', 'this call was taken by someone else', `${prefix}.callId`);
  const code = await trx.selectFrom('wrap_up_codes').select(['name', 'category', 'active']).where('id', '=', args.codeId).executeTakeFirst();
  if (!code) throw new MutationRefused('not_found', 'no such wrap-up code', `${prefix}.codeId`);
  if (!code.active) throw new MutationRefused('invalid_input', 'this wrap-up code is no longer used: pick another', `${prefix}.codeId`);

  const conversationId = call.conversation_id ?? args.conversationId;
  const status = STATUS_AFTER[args.result];
  const conversation = await trx.selectFrom('conversations').select(['assignee_id', 'customer_id']).where('id', '=', conversationId).forUpdate().executeTakeFirst();
  if (conversation) {
    await trx.updateTable('conversations')
      .set({ category: code.category, status, updated_at: now, assignee_id: conversation.assignee_id ?? agent.id })
      .where('id', '=', conversationId).execute();
  } else {
    await trx.insertInto('conversations').values({
      id: conversationId, channel: 'phone', customer_id: call.customer_id, external_address: call.number, subject: code.name,
      status, category: code.category, assignee_id: agent.id, created_at: call.started_at, updated_at: now,
    }).execute();
  }
  await trx.updateTable('calls')
    .set({
      conversation_id: conversationId, customer_id: call.customer_id ?? conversation?.customer_id ?? null,
      wrap_up_code_id: args.codeId, wrap_up_category: code.category, wrap_up_result: args.result, wrap_up_note: args.note, wrapped_up_at: now,
    })
    .where('id', '=', args.callId).execute();

  if (args.followUp) {
    const task = await trx.selectFrom('tasks').select(['assignee_id']).where('id', '=', args.followUp.taskId).executeTakeFirst();
    if (task && task.assignee_id !== agent.id) throw new MutationRefused('conflict', 'a different task already has this id', `${prefix}.followUp.taskId`);
    if (!task) {
      await trx.insertInto('tasks').values({
        id: args.followUp.taskId, kind: 'callback', customer_id: call.customer_id ?? conversation?.customer_id ?? null, conversation_id: conversationId,
        number: call.number, due_at: new Date(args.followUp.dueAt), note: args.followUp.note, assignee_id: agent.id, status: 'open', created_at: now,
      }).execute();
    }
  }
  // Holders of the call and conversation see the change. What may enter a scope: the task (the
  // agent's); the conversation, now updated, with what hangs on it — its messages, its calls (this
  // one too), its customer and the customer's payments — for its assignee, who is the agent or, for
  // an existing conversation, a colleague (it may have been resolved long ago and out of scope).
  // Nothing leaves: the call keeps its conversation, the conversation its assignee and customer.
  await recordChanges(trx, 'call', [args.callId]);
  await recordChanges(trx, 'conversation', [conversationId]);
  const assignee = conversation?.assignee_id ?? agent.id;
  await refreshScopeOfRowsIn(
    trx,
    [...new Set([agent.id, assignee])],
    [{ entity: 'call', ids: [args.callId] }, { entity: 'conversation', ids: [conversationId] }, { entity: 'task', ids: args.followUp ? [args.followUp.taskId] : [] }],
    { now, scopeDays: ctx.scopeDays },
  );
}
