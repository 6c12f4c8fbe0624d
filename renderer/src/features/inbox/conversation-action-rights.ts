// Which of the conversation's actions the signed-in agent is offered: the server's rules
// (server/src/sync/mutations/conversation-rights.ts), so the toolbar offers nothing it would refuse.
// An operator takes a free conversation and returns or hands over their own; supervisors and admins
// assign any to any operator; status and category belong to the assignee, supervisors and admins.
// A resolved conversation is not assigned until it is reopened.
import type { Role } from '../../../../contract/domain/agent.ts';
import type { Conversation } from '../../../../contract/domain/conversation.ts';

export interface ActionRights {
  take: boolean;
  /** Back to the queue. */
  giveBack: boolean;
  /** Hand over (the assignee) or assign (a supervisor, also a free conversation). */
  handOver: boolean;
  /** Status and category. */
  edit: boolean;
}

export const isLeadRole = (role: Role): boolean => role === 'supervisor' || role === 'admin';

export function actionRights(c: Pick<Conversation, 'assigneeId' | 'status'>, me: { id: string; role: Role }): ActionRights {
  const lead = isLeadRole(me.role);
  const operator = me.role === 'operator';
  const open = c.status !== 'resolved';
  const mine = c.assigneeId === me.id;
  const free = c.assigneeId === null;
  return {
    take: operator && free && open,
    giveBack: open && !free && (lead || (operator && mine)),
    handOver: open && (lead || (operator && mine)),
    edit: lead || (operator && mine),
  };
}
