// Table types for Kysely: the database as the query layer sees it (snake_case columns).
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface SitesTable {
  id: string;
  name: string;
  timezone: string;
}

export interface AgentsTable {
  id: string;
  login: string;
  display_name: string;
  role: string;
  site_id: string;
  password_hash: string;
  created_at: CreatedAt;
  team_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface TeamsTable {
  id: string;
  name: string;
}

/** Per channel; null = no target (migration 0012). */
export interface SlaTargetsTable {
  channel: string;
  first_response_minutes: number | null;
  resolution_minutes: number | null;
}

export interface TariffsTable {
  id: string;
  name: string;
  speed_mbps: number;
  monthly_fee: number;
  connection_type: string;
}

export interface ExtraServicesTable {
  id: string;
  name: string;
  monthly_fee: number;
}

export interface CustomersTable {
  id: string;
  account_number: string;
  full_name: string;
  /** full_name lower-cased with ё→е, written by the application; what name search matches. */
  name_search: string;
  phones: string[];
  emails: string[];
  telegram_id: string | null;
  whatsapp_id: string | null;
  address_region: string;
  address_city: string;
  address_street: string;
  address_house: string;
  address_apartment: string | null;
  connection_type: string;
  tariff_id: string;
  balance: number;
  personal_manager_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CustomerExtraServicesTable {
  customer_id: string;
  extra_service_id: string;
}

export interface PaymentsTable {
  id: string;
  customer_id: string;
  amount: number;
  method: string;
  paid_at: Timestamp;
  status: string;
}

export interface KbArticlesTable {
  id: string;
  category: string;
  title: string;
  body: string;
  tags: string[];
  updated_at: Timestamp;
}

export interface TroubleshootingScriptsTable {
  id: string;
  title: string;
  category: string;
  start_step: string;
  /** ScriptStep[] (contract/domain/script.ts). */
  steps: unknown;
  updated_at: Timestamp;
}

export interface ConversationsTable {
  id: string;
  channel: string;
  customer_id: string | null;
  external_address: string;
  subject: string | null;
  status: string;
  category: string | null;
  assignee_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When the customer last wrote (WhatsApp's 24-hour window). */
  last_inbound_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** SLA, kept by triggers (migration 0012); writers leave them alone. */
  first_response_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  first_response_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  resolution_due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sla_paused_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface MessagesTable {
  id: string;
  conversation_id: string;
  direction: string;
  author_agent_id: string | null;
  body: string;
  created_at: Timestamp;
  /** Set (with channel) for messages a channel knows: unique per channel. */
  channel: Nullable<string>;
  channel_message_id: Nullable<string>;
  delivery_status: Nullable<'queued' | 'sent' | 'delivered' | 'read' | 'failed'>;
  delivery_error_code: Nullable<string>;
  delivery_error: Nullable<string>;
  delivery_updated_at: Nullable<Date | string>;
  delivery_attempts: Generated<number>;
  next_attempt_at: Nullable<Date | string>;
  template: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface AttachmentBlobsTable {
  sha256: string;
  size: number;
  bytes: Uint8Array;
  created_at: Generated<Date>;
}

export interface AttachmentsTable {
  id: string;
  message_id: string | null;
  position: Generated<number>;
  sha256: string | null;
  file_name: string;
  mime_type: string;
  size: number;
  refused: 'too_large' | 'download_failed' | null;
  created_at: Timestamp;
}

export interface ChannelWebhookEventsTable {
  channel: string;
  event_id: string;
  received_at: Timestamp;
}

/** Where reading an IMAP mailbox got to (channels/email/mailbox-state.ts). */
export interface EmailMailboxesTable {
  mailbox: string;
  uid_validity: ColumnType<string, string | number | bigint, string | number | bigint>;
  last_uid: ColumnType<string, string | number | bigint, string | number | bigint>;
  updated_at: Timestamp;
}

/** The threading headers of a letter in or out (channels/email/). */
export interface EmailMessagesTable {
  message_id: string;
  rfc_message_id: string;
  in_reply_to: string | null;
  references_ids: ColumnType<string[], string[] | undefined, string[]>;
  from_address: string | null;
  subject: string | null;
}

export interface CallsTable {
  id: string;
  conversation_id: string | null;
  direction: string;
  agent_id: string | null;
  number: string;
  started_at: Timestamp;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
  result: string;
  ivr_choice: string | null;
  customer_id: string | null;
  wrap_up_code_id: string | null;
  wrap_up_category: string | null;
  wrap_up_result: string | null;
  wrap_up_note: string | null;
  wrapped_up_at: Timestamp | null;
}

export interface TasksTable {
  id: string;
  kind: string;
  customer_id: string | null;
  conversation_id: string | null;
  number: string | null;
  due_at: Timestamp;
  note: string;
  assignee_id: string;
  status: string;
  created_at: Timestamp;
  done_at: Timestamp | null;
}

export interface ConnectionRequestsTable {
  id: string;
  phone: string;
  contact_name: string;
  connection_type: 'apartment_ethernet' | 'private_house';
  address_region: string;
  address_city: string;
  address_street: string;
  address_house: string;
  address_apartment: string | null;
  tariff_id: string | null;
  preferred_time: string | null;
  comment: string;
  call_id: string | null;
  created_by: string;
  status: 'new' | 'in_progress' | 'connected' | 'cancelled';
  created_at: Timestamp;
  received_at: Timestamp;
}

export interface AgentStateChangesTable {
  id: string;
  agent_id: string;
  state: string;
  reason: string | null;
  at: Timestamp;
  received_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the bearer token; the token itself is never stored. */
  token_hash: string;
  agent_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  ip: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  action: string;
  actor_agent_id: string | null;
  actor_login: string | null;
  target_type: string | null;
  target_id: string | null;
  fields: string[];
  ip: string | null;
}

/** The change feed: the latest state of each entity per audience (see server/src/sync/README.md). */
export interface SyncFeedTable {
  entity: string;
  entity_id: string;
  /** null = every agent. */
  audience: string | null;
  op: 'upsert' | 'delete';
  data: ColumnType<unknown, string | null, string | null>;
  /** null until the writing transaction stamps it just before commit. */
  version: number | null;
}

/** One row per scoped entity ever written: concurrent writers of that entity collide on it. */
export interface SyncTouchTable {
  entity: string;
  entity_id: string;
  n: Generated<number>;
}

export interface SyncClientsTable {
  client_id: string;
  agent_id: string;
  last_seq: Generated<number>;
  created_at: CreatedAt;
}

export interface SyncMutationResultsTable {
  client_id: string;
  seq: number;
  status: 'applied' | 'rejected';
  error: ColumnType<unknown, string | null, string | null>;
  at: CreatedAt;
}

export interface ArticleFeedbackTable {
  id: Generated<number>;
  article_id: string;
  agent_id: string | null;
  verdict: 'helped' | 'outdated';
  comment: string | null;
  created_at: Timestamp;
}

export interface KbArticleVersionsTable {
  article_id: string;
  revision: number;
  category: string;
  title: string;
  body: string;
  tags: string[];
  edited_at: Timestamp;
  edited_by: string | null;
  note: string | null;
}

export interface KbImagesTable {
  name: string;
  mime: string;
  bytes: Uint8Array;
  updated_at: Generated<Date>;
}

export interface PromotionsTable {
  id: string;
  name: string;
  summary: string;
  tags: string[];
  audience: string;
  /** Written as 'YYYY-MM-DD'; read as text through the feed's jsonb (entities.ts), never as a Date. */
  starts_on: string | null;
  ends_on: string | null;
  tariff_ids: string[];
  article_id: string | null;
}

export interface WrapUpCodesTable {
  id: string;
  category: string;
  name: string;
  sort: Generated<number>;
  active: Generated<boolean>;
}

/** A canned response or an approved WhatsApp template (migration 0011, contract/domain/canned-response.ts). */
export interface CannedResponsesTable {
  id: string;
  kind: string;
  title: string;
  body: string;
  language: string;
  channels: string[];
  /** {name, language, parameters} for kind whatsapp_template; written as JSON text. */
  template: ColumnType<unknown, string | null, string | null>;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface DB {
  sites: SitesTable;
  agents: AgentsTable;
  teams: TeamsTable;
  sla_targets: SlaTargetsTable;
  tariffs: TariffsTable;
  extra_services: ExtraServicesTable;
  customers: CustomersTable;
  customer_extra_services: CustomerExtraServicesTable;
  payments: PaymentsTable;
  kb_articles: KbArticlesTable;
  troubleshooting_scripts: TroubleshootingScriptsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  calls: CallsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  sync_feed: SyncFeedTable;
  sync_touch: SyncTouchTable;
  sync_clients: SyncClientsTable;
  sync_mutation_results: SyncMutationResultsTable;
  article_feedback: ArticleFeedbackTable;
  kb_article_versions: KbArticleVersionsTable;
  kb_images: KbImagesTable;
  promotions: PromotionsTable;
  wrap_up_codes: WrapUpCodesTable;
  tasks: TasksTable;
  agent_state_changes: AgentStateChangesTable;
  connection_requests: ConnectionRequestsTable;
  attachment_blobs: AttachmentBlobsTable;
  attachments: AttachmentsTable;
  channel_webhook_events: ChannelWebhookEventsTable;
  email_mailboxes: EmailMailboxesTable;
  email_messages: EmailMessagesTable;
  canned_responses: CannedResponsesTable;
}

export type CustomerRow = Selectable<CustomersTable>;
export type NewCustomerRow = Insertable<CustomersTable>;
export type AgentRow = Selectable<AgentsTable>;
export type AuditRow = Selectable<AuditLogTable>;
