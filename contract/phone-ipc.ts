// The Phone feature between the renderer (where JsSIP runs) and the main process: the SIP account
// and its password (kept in the OS keychain; handed to the softphone only to register), the agent's
// state, calls logged and wrapped up through the outbox, the call history and callback tasks read
// from the replica (offline too), and the wrap-up codes to pick from.
import { z } from 'zod';
import { AgentStateName, NotReadyReason } from './domain/agent-state.ts';
import { Call } from './domain/conversation.ts';
import { Task } from './domain/task.ts';
import { WrapUpCode } from './domain/wrap-up.ts';
import { SipAccount } from './sip.ts';
import { MUTATION_SCHEMAS } from './sync.ts';

export const PhoneAccount = z.object({
  /** The operator's account, or IT's preset completed by nothing yet (null: not set up). */
  account: SipAccount.nullable(),
  /** A password is in the keychain (its value never travels except by phone.password). */
  hasPassword: z.boolean(),
  /** Fields IT preset (shown read-only): 'websocketUris', 'domain'. */
  presetFields: z.array(z.enum(['websocketUris', 'domain'])),
});
export type PhoneAccount = z.infer<typeof PhoneAccount>;

export const PhoneSaveAccountInput = z.strictObject({
  account: SipAccount,
  /** A new password; absent keeps the stored one; null removes it. */
  password: z.string().min(1).max(256).nullable().optional(),
});
export type PhoneSaveAccountInput = z.input<typeof PhoneSaveAccountInput>;

export const PhonePassword = z.object({ password: z.string().nullable() });

/** The main process stamps the change's id and time. */
export const AgentSetStateInput = z
  .strictObject({ state: AgentStateName, reason: NotReadyReason.nullable() })
  .refine((c) => (c.state === 'not_ready') === (c.reason !== null), { message: 'a reason goes with "not ready", and only with it', path: ['reason'] });
export type AgentSetStateInput = z.infer<typeof AgentSetStateInput>;
export const AgentSetStateResult = z.object({ queued: z.literal(true), at: z.iso.datetime({ offset: true }) });
/** The state this PC last set for the signed-in agent (kept by the main process across reloads). */
export const AgentStateNow = z.object({ state: AgentStateName, reason: NotReadyReason.nullable(), at: z.iso.datetime({ offset: true }) }).nullable();
export type AgentStateNow = z.infer<typeof AgentStateNow>;

export const CallLogInput = MUTATION_SCHEMAS['call.log'];
export type CallLogInput = z.input<typeof CallLogInput>;
export const CallWrapUpInput = MUTATION_SCHEMAS['call.wrapUp'];
export type CallWrapUpInput = z.input<typeof CallWrapUpInput>;
export const Queued = z.object({ queued: z.literal(true) });

export const CALL_HISTORY_MAX = 500;
export const CallHistoryFilter = z.enum(['all', 'missed', 'in', 'out']);
export type CallHistoryFilter = z.infer<typeof CallHistoryFilter>;
export const CallHistoryInput = z.strictObject({
  filter: CallHistoryFilter.default('all'),
  /** Digits of a number, or part of a customer's name. */
  query: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(CALL_HISTORY_MAX).optional(),
});
export type CallHistoryInput = z.input<typeof CallHistoryInput>;

export const CallHistoryItem = z.object({
  call: Call,
  customerName: z.string().nullable(),
  /** Logged or wrapped up on this PC and still in the outbox. */
  pending: z.boolean(),
});
export type CallHistoryItem = z.infer<typeof CallHistoryItem>;
export const CallHistory = z.object({
  items: z.array(CallHistoryItem).max(CALL_HISTORY_MAX),
  /** Missed incoming calls since the operator last opened the history. */
  missedUnseen: z.number().int().nonnegative(),
});
export type CallHistory = z.infer<typeof CallHistory>;

export const WrapUpCodes = z.object({ codes: z.array(WrapUpCode) });

export const TaskListItem = z.object({ task: Task, customerName: z.string().nullable(), pending: z.boolean() });
export type TaskListItem = z.infer<typeof TaskListItem>;
export const TaskList = z.object({ items: z.array(TaskListItem).max(500) });
export const TaskCompleteInput = MUTATION_SCHEMAS['task.complete'];
