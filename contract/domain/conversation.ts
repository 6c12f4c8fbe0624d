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

/**
 * Service-level due times, set by the server when the conversation is opened from its channel's
 * targets (none for the phone). The first reply stops the first; resolving stops the second,
 * and waiting for the customer pauses it (pausedAt: since when; the server moves the due time on
 * by the pause when the conversation comes back).
 */
export const ConversationSla = z.object({
  firstResponseDueAt: z.iso.datetime({ offset: true }).nullable(),
  firstResponseAt: z.iso.datetime({ offset: true }).nullable(),
  resolutionDueAt: z.iso.datetime({ offset: true }).nullable(),
  pausedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ConversationSla = z.infer<typeof ConversationSla>;

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
  /** Absent where the channel has no targets (phone) and in rows from before SLAs. */
  sla: ConversationSla.optional(),
});
export type Conversation = z.infer<typeof Conversation>;

/** Where a reply is on its way to the customer. */
export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** Why a reply was not delivered; the UI turns each into words. */
export const DELIVERY_FAILURES = [
  'whatsapp_window_closed', // the customer last wrote more than 24 hours ago: only a template may go out
  'channel_rejected', // the channel refused it (blocked by the customer, unknown chat…); `error` has its words
  'channel_unreachable', // the channel's API did not answer, after every retry
  'channel_not_configured', // the server has no credentials for this channel
  'attachment_unavailable', // a file of the reply is missing or was never stored
  'email_bounced', // the recipient's mail server returned the letter (a bounce); `error` has its status and reason
] as const;
export const DeliveryFailure = z.enum(DELIVERY_FAILURES);
export type DeliveryFailure = z.infer<typeof DeliveryFailure>;

export const MessageDelivery = z.object({
  status: DeliveryStatus,
  /** Set when status is failed. */
  errorCode: DeliveryFailure.nullable(),
  /** The channel's own description of a failure, as it gave it (for support; not shown as is). */
  error: z.string().max(2000).nullable(),
  at: z.iso.datetime({ offset: true }),
});
export type MessageDelivery = z.infer<typeof MessageDelivery>;

export const MessageAttachment = z.object({
  id: z.uuid(),
  fileName: z.string().min(1).max(255),
  mimeType: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
  /** Null when the file was not kept (see refused). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /** Why the file was not kept; the message itself always is. */
  refused: z.enum(['too_large', 'download_failed']).nullable(),
});
export type MessageAttachment = z.infer<typeof MessageAttachment>;

/** A WhatsApp message template (approved by Meta): the only thing that may go out after 24 hours. */
export const MessageTemplate = z.strictObject({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'a template name: lower-case letters, digits and _'),
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a language code such as ru or en_US'),
  parameters: z.array(z.string().min(1).max(1024)).max(20).default([]),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export const Message = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  direction: z.enum(['in', 'out', 'internal_note']),
  authorAgentId: AgentId.nullable(),
  body: z.string().max(1_000_000),
  createdAt: z.iso.datetime({ offset: true }),
  // The fields below are optional: rows written before the inbox (and replicas holding them) lack them.
  /** The channel's id of the message (a Telegram "<chat>:<message>", a WhatsApp wamid). */
  channelMessageId: z.string().min(1).max(256).nullable().optional(),
  /** Replies sent through a channel: where they are on their way. */
  delivery: MessageDelivery.nullable().optional(),
  attachments: z.array(MessageAttachment).max(20).optional(),
  template: MessageTemplate.nullable().optional(),
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
