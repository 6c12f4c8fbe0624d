// Conversations with customers across channels, their messages, and phone calls.
import { z } from 'zod';
import { AgentId } from './agent.ts';
import { ArticleCategory } from './article.ts';
import { CallWrapUp } from './wrap-up.ts';

export const CHANNELS = ['phone', 'email', 'fax', 'whatsapp', 'telegram'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const CONVERSATION_STATUSES = ['new', 'open', 'waiting_customer', 'resolved'] as const;
export const ConversationStatus = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** Request categories match the knowledge-base categories, so wrap-up and articles line up. */
export const RequestCategory = ArticleCategory;
export type RequestCategory = z.infer<typeof RequestCategory>;

export const Conversation = z.object({
  id: z.uuid(),
  channel: Channel,
  customerId: z.uuid().nullable(),
  /** Who wrote or called: e-mail, E.164 number, Telegram or WhatsApp id. */
  externalAddress: z.string().min(1).max(320),
  subject: z.string().max(500).nullable(),
  status: ConversationStatus,
  category: RequestCategory.nullable(),
  assigneeId: AgentId.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Conversation = z.infer<typeof Conversation>;

export const Message = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  direction: z.enum(['in', 'out', 'internal_note']),
  authorAgentId: AgentId.nullable(),
  body: z.string().max(1_000_000),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Message = z.infer<typeof Message>;

export const CALL_OUTCOMES = ['answered', 'missed', 'declined', 'failed'] as const;
export const CallOutcome = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const Call = z.object({
  id: z.uuid(),
  conversationId: z.uuid().nullable(),
  direction: z.enum(['in', 'out']),
  agentId: AgentId.nullable(),
  number: z.string().min(1).max(64),
  startedAt: z.iso.datetime({ offset: true }),
  answeredAt: z.iso.datetime({ offset: true }).nullable(),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
  result: CallOutcome,
  ivrChoice: z.string().max(64).nullable(),
  /** Who was on the line, when known (screen pop, click-to-call). */
  customerId: z.uuid().nullable(),
  /** Null until the operator wraps the call up. */
  wrapUp: CallWrapUp.nullable(),
});
export type Call = z.infer<typeof Call>;
