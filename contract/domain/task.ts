// Follow-up work: a callback promised at wrap-up ("call back tomorrow after 18:00 to check the
// line"). It waits in its assignee's replica for outbound work until done.
import { z } from 'zod';
import { AgentId } from './agent.ts';

export const TASK_KINDS = ['callback'] as const;
export const TASK_STATUSES = ['open', 'done'] as const;

export const Task = z.object({
  id: z.uuid(),
  kind: z.enum(TASK_KINDS),
  customerId: z.uuid().nullable(),
  conversationId: z.uuid().nullable(),
  /** The number to call back: E.164 or an internal extension. */
  number: z.string().min(1).max(64).nullable(),
  dueAt: z.iso.datetime({ offset: true }),
  note: z.string().max(2000),
  assigneeId: AgentId,
  status: z.enum(TASK_STATUSES),
  createdAt: z.iso.datetime({ offset: true }),
  doneAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Task = z.infer<typeof Task>;
