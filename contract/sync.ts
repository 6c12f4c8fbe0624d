// The sync wire protocol between a client's replica and the central server.
//
// Pull: the server keeps one change feed. Every change has a `version` (a decimal string of a
// bigint) assigned at commit time in commit order (see server/src/sync/README.md for why that
// cannot skip a row). A client sends the last version it applied; the server answers with the next
// page of changes visible to that agent, in version order, and the version to send next time.
//
// Push: writes are mutations {clientId, seq, name, args} from the client's durable outbox. The server
// applies each exactly once, in seq order per client, and answers each with applied / duplicate /
// rejected (with a reason the user can read and act on).
import { z } from 'zod';
import { PultError } from './errors.ts';
import { Agent } from './domain/agent.ts';
import { Article } from './domain/article.ts';
import { Call, CallOutcome, Conversation, ConversationStatus, Message, MessageTemplate, RequestCategory } from './domain/conversation.ts';
import { Customer, ExtraService, Payment, Tariff } from './domain/customer.ts';
import { Promotion } from './domain/promotion.ts';
import { TroubleshootingScript } from './domain/script.ts';
import { WrapUpCode, WrapUpResult } from './domain/wrap-up.ts';
import { AgentStateChange } from './domain/agent-state.ts';
import { Task } from './domain/task.ts';
import { ConnectionRequest, ConnectionRequestCreate } from './domain/connection-request.ts';
import { CannedResponse } from './domain/canned-response.ts';

/** Bumped when the sync wire format changes incompatibly; the server states the range it accepts. */
export const SYNC_PROTOCOL_VERSION = 1;

/** A feed position: a non-negative bigint as a decimal string ("0" = from the start). */
export const SyncVersion = z.string().regex(/^(0|[1-9]\d{0,18})$/, 'expected a feed version: digits, no sign');
export type SyncVersion = z.infer<typeof SyncVersion>;

/** What the replica holds, each with the schema its rows are checked against. */
export const SYNC_ENTITY_SCHEMAS = {
  article: Article,
  tariff: Tariff,
  extra_service: ExtraService,
  agent: Agent,
  customer: Customer,
  conversation: Conversation,
  message: Message,
  call: Call,
  script: TroubleshootingScript,
  payment: Payment,
  promotion: Promotion,
  wrap_up_code: WrapUpCode,
  task: Task,
  connection_request: ConnectionRequest,
  canned_response: CannedResponse,
} as const;
export type SyncEntityName = keyof typeof SYNC_ENTITY_SCHEMAS;
export const SYNC_ENTITIES = Object.keys(SYNC_ENTITY_SCHEMAS) as [SyncEntityName, ...SyncEntityName[]];
export const SyncEntity = z.enum(SYNC_ENTITIES);
export type SyncEntityRow<E extends SyncEntityName> = z.infer<(typeof SYNC_ENTITY_SCHEMAS)[E]>;

const EntityId = z.string().min(1).max(64);

function upsertOf<E extends SyncEntityName>(entity: E) {
  return z.object({
    op: z.literal('upsert'),
    entity: z.literal(entity),
    id: EntityId,
    version: SyncVersion,
    data: SYNC_ENTITY_SCHEMAS[entity],
  });
}

export const Tombstone = z.object({
  op: z.literal('delete'),
  entity: SyncEntity,
  id: EntityId,
  version: SyncVersion,
});

export const Upsert = z.discriminatedUnion('entity', [
  upsertOf('article'),
  upsertOf('tariff'),
  upsertOf('extra_service'),
  upsertOf('agent'),
  upsertOf('customer'),
  upsertOf('conversation'),
  upsertOf('message'),
  upsertOf('call'),
  upsertOf('script'),
  upsertOf('payment'),
  upsertOf('promotion'),
  upsertOf('wrap_up_code'),
  upsertOf('task'),
  upsertOf('connection_request'),
  upsertOf('canned_response'),
]);
export type Upsert = z.infer<typeof Upsert>;

export const Change = z.union([Upsert, Tombstone]);
export type Change = z.infer<typeof Change>;

export const MAX_PULL_LIMIT = 2000;

export const PullRequest = z.strictObject({
  protocol: z.number().int(),
  /** Last version the replica applied; "0" for a first sync. */
  after: SyncVersion,
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(500),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullResponse = z.object({
  changes: z.array(Change).max(MAX_PULL_LIMIT),
  /** Send this as `after` next time. Equal to the last change's version, or `after` if none. */
  next: SyncVersion,
  hasMore: z.boolean(),
  /** Changes still waiting after this page (for progress: rows, percent, time left). */
  remaining: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Mutations a client may send, each with its arguments' schema. */
export const MUTATION_SCHEMAS = {
  /** "Helped / outdated" feedback on a knowledge-base article. */
  'article.feedback': z.strictObject({
    articleId: z.uuid(),
    verdict: z.enum(['helped', 'outdated']),
    comment: z.string().trim().max(2000).optional(),
  }),
  /** A contact of the customer corrected during a call. */
  'customer.updateContacts': z.strictObject({
    customerId: z.uuid(),
    phones: z.array(z.string().min(1).max(40)).max(10).optional(),
    emails: z.array(z.email()).max(10).optional(),
  }),
  /** An extra service switched on or off during the call. */
  'customer.setExtraService': z.strictObject({
    customerId: z.uuid(),
    serviceId: z.string().min(1).max(64),
    enabled: z.boolean(),
  }),
  /**
   * An internal note in a conversation (the operator's own words, or the path taken through a
   * troubleshooting script). `noteId` is made by the client, so the note is the same row everywhere.
   */
  'conversation.addNote': z.strictObject({
    conversationId: z.uuid(),
    noteId: z.uuid(),
    body: z.string().trim().min(1).max(20_000),
  }),
  /**
   * Who handles a conversation: the sender themselves (take), null (back to the queue) or another
   * agent (hand over). An operator takes what is free or theirs and gives away only their own;
   * supervisors and admins assign anything to anyone. Taking a new conversation opens it.
   */
  'conversation.assign': z.strictObject({
    conversationId: z.uuid(),
    assigneeId: z.uuid().nullable(),
  }),
  /** New / open / waiting for the customer / resolved: by the assignee, a supervisor or an admin. */
  'conversation.setStatus': z.strictObject({
    conversationId: z.uuid(),
    status: ConversationStatus,
  }),
  /** The conversation's category tag (null: none): by the assignee, a supervisor or an admin. */
  'conversation.setCategory': z.strictObject({
    conversationId: z.uuid(),
    category: RequestCategory.nullable(),
  }),
  /**
   * The customer a conversation is about, linked by hand (null: unlinked) when the sender's address
   * matched nobody or the wrong one: by the assignee, a supervisor or an admin. Later conversations
   * from the same address are linked to that customer too.
   */
  'conversation.linkCustomer': z.strictObject({
    conversationId: z.uuid(),
    customerId: z.uuid().nullable(),
  }),
  /** Ready / not ready (why) / wrap-up / offline, with the time it happened on the PC. */
  'agent.setState': AgentStateChange,
  /** A call that ended on this softphone; `callId` is made by the client when the call starts. */
  'call.log': z
    .strictObject({
      callId: z.uuid(),
      direction: z.enum(['in', 'out']),
      number: z.string().min(1).max(64),
      customerId: z.uuid().nullable(),
      startedAt: z.iso.datetime({ offset: true }),
      answeredAt: z.iso.datetime({ offset: true }).nullable(),
      endedAt: z.iso.datetime({ offset: true }),
      result: CallOutcome,
      ivrChoice: z.string().max(64).nullable(),
    })
    .refine((c) => Date.parse(c.endedAt) >= Date.parse(c.startedAt) && (!c.answeredAt || Date.parse(c.answeredAt) >= Date.parse(c.startedAt)), {
      message: 'a call cannot end or be answered before it started',
      path: ['endedAt'],
    }),
  /**
   * After-call work: what it was about, how it ended, a note and, if promised, a callback task. The
   * call joins `conversationId` (made by the client; created as a phone conversation if new).
   */
  'call.wrapUp': z.strictObject({
    callId: z.uuid(),
    conversationId: z.uuid(),
    codeId: WrapUpCode.shape.id,
    result: WrapUpResult,
    note: z.string().trim().max(2000),
    followUp: z
      .strictObject({
        taskId: z.uuid(),
        dueAt: z.iso.datetime({ offset: true }),
        note: z.string().trim().max(2000),
      })
      .optional(),
  }),
  /** A follow-up task done (the customer was called back). */
  'task.complete': z.strictObject({ taskId: z.uuid() }),
  /** A prospect's request to get connected (apartment building or private house), made by the client. */
  'connectionRequest.create': ConnectionRequestCreate,
  /**
   * A reply to the customer in the conversation's channel (Telegram, WhatsApp), queued on the
   * server and sent by its dispatcher; `messageId` is made by the client. A WhatsApp template is
   * what may go out after the customer's 24-hour window has closed.
   */
  'message.reply': z
    .strictObject({
      conversationId: z.uuid(),
      messageId: z.uuid(),
      body: z.string().trim().max(4096),
      attachmentIds: z.array(z.uuid()).max(10).optional(),
      template: MessageTemplate.optional(),
    })
    .refine((r) => r.body.length > 0 || (r.attachmentIds?.length ?? 0) > 0 || r.template !== undefined, {
      message: 'a reply needs words, a file or a template',
      path: ['body'],
    }),
} as const;
export type MutationName = keyof typeof MUTATION_SCHEMAS;
export const MUTATION_NAMES = Object.keys(MUTATION_SCHEMAS) as [MutationName, ...MutationName[]];
export const MutationNameSchema = z.enum(MUTATION_NAMES);

export const Mutation = z.strictObject({
  seq: z.number().int().positive(),
  name: MutationNameSchema,
  /** Checked against MUTATION_SCHEMAS[name] by the server (and by the client before queueing). */
  args: z.unknown(),
});
export type Mutation = z.infer<typeof Mutation>;

export const MAX_PUSH_BATCH = 200;

export const PushRequest = z.strictObject({
  protocol: z.number().int(),
  clientId: z.uuid(),
  mutations: z.array(Mutation).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationResult = z.discriminatedUnion('status', [
  z.object({ seq: z.number().int().positive(), status: z.literal('applied') }),
  /** Applied before (the client resent it after a lost answer): nothing happened twice. */
  z.object({ seq: z.number().int().positive(), status: z.literal('duplicate') }),
  /** Refused; the client rolls back its optimistic change and shows `error` to the user. */
  z.object({ seq: z.number().int().positive(), status: z.literal('rejected'), error: PultError }),
]);
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
  results: z.array(MutationResult),
  /** The highest seq of this client the server has settled (applied or rejected). */
  lastSeq: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const SYNC_API = {
  pull: '/api/sync/pull',
  push: '/api/sync/push',
  /** WebSocket: the server sends {"type":"poke"} when the agent's feed has new changes. */
  live: '/api/sync/live',
} as const;

export const Poke = z.object({ type: z.literal('poke'), version: SyncVersion });
export type Poke = z.infer<typeof Poke>;
