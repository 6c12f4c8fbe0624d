// An operator's availability for calls: Ready, Not ready (with a reason), Wrap-up (after-call work)
// and Offline. Each change is stamped on the operator's PC when it happens and reaches the server
// through the outbox, so a change made offline keeps its real time for the supervisor.
import { z } from 'zod';
import { AgentId } from './agent.ts';

export const AGENT_STATES = ['ready', 'not_ready', 'wrap_up', 'offline'] as const;
export const AgentStateName = z.enum(AGENT_STATES);
export type AgentStateName = z.infer<typeof AgentStateName>;

export const NOT_READY_REASONS = ['break', 'lunch', 'training', 'meeting'] as const;
export const NotReadyReason = z.enum(NOT_READY_REASONS);
export type NotReadyReason = z.infer<typeof NotReadyReason>;

/** One change of state, as the client sends it (mutation `agent.setState`). */
export const AgentStateChange = z
  .strictObject({
    /** Made by the client: a resend is the same change. */
    changeId: z.uuid(),
    state: AgentStateName,
    /** Only with not_ready, and then required. */
    reason: NotReadyReason.nullable(),
    /** When it happened on the operator's PC. */
    at: z.iso.datetime({ offset: true }),
  })
  .refine((c) => (c.state === 'not_ready') === (c.reason !== null), {
    message: 'a reason goes with "not ready", and only with it',
    path: ['reason'],
  });
export type AgentStateChange = z.infer<typeof AgentStateChange>;

/** An agent's latest state, for the supervisor. */
export const AgentCurrentState = z.object({
  agentId: AgentId,
  state: AgentStateName,
  reason: NotReadyReason.nullable(),
  since: z.iso.datetime({ offset: true }),
});
export type AgentCurrentState = z.infer<typeof AgentCurrentState>;
