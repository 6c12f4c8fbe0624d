// What each feed entity looks like on the wire, built in SQL (jsonb_build_object) so the seed, the
// scope refresh and single writes produce byte-for-byte the same data, set-based. Each shape is the
// contract's domain schema (SYNC_ENTITY_SCHEMAS); tests check them against the JS converters.
import { sql, type RawBuilder } from 'kysely';
import type { SyncEntityName } from '../../../contract/index.ts';

/** Timestamps exactly as Date#toISOString writes them. */
const iso = (column: string) => `to_char(t.${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

interface EntityDef {
  table: string;
  idType: 'uuid' | 'text';
  /** jsonb of one row of `table` aliased `t`. */
  json: string;
}

const ENTITIES: Record<SyncEntityName, EntityDef> = {
  article: {
    table: 'kb_articles',
    idType: 'uuid',
    json: `jsonb_build_object('id', t.id, 'category', t.category, 'title', t.title, 'body', t.body, 'tags', t.tags,
      'updatedAt', ${iso('updated_at')})`,
  },
  tariff: {
    table: 'tariffs',
    idType: 'text',
    json: `jsonb_build_object('id', t.id, 'name', t.name, 'speedMbps', t.speed_mbps, 'monthlyFee', t.monthly_fee,
      'connectionType', t.connection_type)`,
  },
  extra_service: {
    table: 'extra_services',
    idType: 'text',
    json: `jsonb_build_object('id', t.id, 'name', t.name, 'monthlyFee', t.monthly_fee)`,
  },
  agent: {
    table: 'agents',
    idType: 'uuid',
    json: `jsonb_build_object('id', t.id, 'login', t.login, 'displayName', t.display_name, 'role', t.role, 'siteId', t.site_id, 'teamId', t.team_id)`,
  },
  customer: {
    table: 'customers',
    idType: 'uuid',
    json: `jsonb_build_object('id', t.id, 'accountNumber', t.account_number, 'fullName', t.full_name,
      'phones', t.phones, 'emails', t.emails, 'telegramId', t.telegram_id, 'whatsappId', t.whatsapp_id,
      'address', jsonb_build_object('region', t.address_region, 'city', t.address_city, 'street', t.address_street,
        'house', t.address_house, 'apartment', t.address_apartment),
      'connectionType', t.connection_type, 'tariffId', t.tariff_id,
      'extraServiceIds', array(select ces.extra_service_id from customer_extra_services ces where ces.customer_id = t.id order by ces.extra_service_id),
      'balance', t.balance, 'personalManagerId', t.personal_manager_id, 'createdAt', ${iso('created_at')})`,
  },
  conversation: {
    table: 'conversations',
    idType: 'uuid',
    json: `jsonb_build_object('id', t.id, 'channel', t.channel, 'customerId', t.customer_id, 'externalAddress', t.external_address,
      'subject', t.subject, 'status', t.status, 'category', t.category, 'assigneeId', t.assignee_id,
      'createdAt', ${iso('created_at')}, 'updatedAt', ${iso('updated_at')})
      || case when t.first_response_due_at is null and t.resolution_due_at is null then '{}'::jsonb else jsonb_build_object('sla', jsonb_build_object(
           'firstResponseDueAt', ${iso('first_response_due_at')}, 'firstResponseAt', ${iso('first_response_at')},
           'resolutionDueAt', ${iso('resolution_due_at')}, 'pausedAt', ${iso('sla_paused_at')})) end`,
  },
  message: {
    table: 'messages',
    idType: 'uuid',
    // The inbox's fields appear only when set, so messages without them keep their exact data
    // (no feed churn, and replicas from before the inbox see what they always saw). Only channel
    // messages (channel set: ingested or replies) can have files, so only they pay for the lookup.
    json: `jsonb_build_object('id', t.id, 'conversationId', t.conversation_id, 'direction', t.direction,
      'authorAgentId', t.author_agent_id, 'body', t.body, 'createdAt', ${iso('created_at')})
      || case when t.channel_message_id is null then '{}'::jsonb else jsonb_build_object('channelMessageId', t.channel_message_id) end
      || case when t.delivery_status is null then '{}'::jsonb else jsonb_build_object('delivery', jsonb_build_object(
           'status', t.delivery_status, 'errorCode', t.delivery_error_code, 'error', t.delivery_error, 'at', to_char(coalesce(t.delivery_updated_at, t.created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) end
      || case when t.template is null then '{}'::jsonb else jsonb_build_object('template', t.template) end
      || case when t.channel is null then '{}'::jsonb else coalesce((select jsonb_build_object('attachments', jsonb_agg(jsonb_build_object(
           'id', a.id, 'fileName', a.file_name, 'mimeType', a.mime_type, 'size', a.size, 'sha256', a.sha256, 'refused', a.refused)
           order by a.position, a.id)) from attachments a where a.message_id = t.id having count(*) > 0), '{}'::jsonb) end`,
  },
  call: {
    table: 'calls',
    idType: 'uuid',
    json: `jsonb_build_object('id', t.id, 'conversationId', t.conversation_id, 'direction', t.direction, 'agentId', t.agent_id,
      'number', t.number, 'startedAt', ${iso('started_at')}, 'answeredAt', ${iso('answered_at')}, 'endedAt', ${iso('ended_at')},
      'result', t.result, 'ivrChoice', t.ivr_choice, 'customerId', t.customer_id,
      'wrapUp', case when t.wrap_up_code_id is null then null else jsonb_build_object('codeId', t.wrap_up_code_id,
        'category', t.wrap_up_category, 'result', t.wrap_up_result, 'note', t.wrap_up_note, 'at', ${iso('wrapped_up_at')}) end)`,
  },
  payment: {
    table: 'payments',
    idType: 'uuid',
    json: `jsonb_build_object('id', t.id, 'customerId', t.customer_id, 'amount', t.amount, 'method', t.method, 'paidAt', ${iso('paid_at')},
      'status', t.status)`,
  },
  task: {
    table: 'tasks',
    idType: 'uuid',
    json: `jsonb_build_object('id', t.id, 'kind', t.kind, 'customerId', t.customer_id, 'conversationId', t.conversation_id,
      'number', t.number, 'dueAt', ${iso('due_at')}, 'note', t.note, 'assigneeId', t.assignee_id, 'status', t.status,
      'createdAt', ${iso('created_at')}, 'doneAt', ${iso('done_at')})`,
  },
  connection_request: {
    table: 'connection_requests',
    idType: 'uuid',
    json: `jsonb_build_object('id', t.id, 'phone', t.phone, 'contactName', t.contact_name, 'connectionType', t.connection_type,
      'address', jsonb_build_object('region', t.address_region, 'city', t.address_city, 'street', t.address_street,
        'house', t.address_house, 'apartment', t.address_apartment),
      'tariffId', t.tariff_id, 'preferredTime', t.preferred_time, 'comment', t.comment, 'callId', t.call_id,
      'createdBy', t.created_by, 'createdAt', ${iso('created_at')}, 'status', t.status)`,
  },
  promotion: {
    table: 'promotions',
    idType: 'text',
    json: `jsonb_build_object('id', t.id, 'name', t.name, 'summary', t.summary, 'tags', t.tags, 'audience', t.audience,
      'startsOn', to_char(t.starts_on, 'YYYY-MM-DD'), 'endsOn', to_char(t.ends_on, 'YYYY-MM-DD'), 'tariffIds', t.tariff_ids,
      'articleId', t.article_id)`,
  },
  wrap_up_code: {
    table: 'wrap_up_codes',
    idType: 'text',
    json: `jsonb_build_object('id', t.id, 'category', t.category, 'name', t.name, 'sort', t.sort, 'active', t.active)`,
  },
  canned_response: {
    table: 'canned_responses',
    idType: 'text',
    json: `jsonb_build_object('id', t.id, 'kind', t.kind, 'title', t.title, 'body', t.body, 'language', t.language,
      'channels', t.channels, 'template', t.template, 'sort', t.sort, 'active', t.active)`,
  },
  script: {
    table: 'troubleshooting_scripts',
    idType: 'uuid',
    json: `jsonb_build_object('id', t.id, 'title', t.title, 'category', t.category, 'start', t.start_step, 'steps', t.steps,
      'updatedAt', ${iso('updated_at')})`,
  },
};

/** Sent to every agent (audience null). */
export const GLOBAL_ENTITIES = ['article', 'tariff', 'extra_service', 'agent', 'script', 'promotion', 'wrap_up_code', 'canned_response'] as const satisfies readonly SyncEntityName[];
/** Sent, one row per agent, to the agents in whose scope they are. */
export const SCOPED_ENTITIES = ['customer', 'conversation', 'message', 'call', 'payment', 'task', 'connection_request'] as const satisfies readonly SyncEntityName[];
export type GlobalEntity = (typeof GLOBAL_ENTITIES)[number];

export function isGlobalEntity(e: SyncEntityName): e is GlobalEntity {
  return (GLOBAL_ENTITIES as readonly string[]).includes(e);
}

/** `select entity_id, data from <entity's table> t where <where>`; `where` may use the alias t. */
export function projection(entity: SyncEntityName, where: RawBuilder<unknown>): RawBuilder<{ entity_id: string; data: unknown }> {
  const def = ENTITIES[entity];
  return sql`select t.id::text as entity_id, ${sql.raw(def.json)} as data from ${sql.table(def.table)} t where ${where}`;
}

/** `t.id = any(ids)` with the id column's type. */
export function idIn(entity: SyncEntityName, ids: readonly string[]): RawBuilder<unknown> {
  return sql`t.id = any(${[...ids]}::${sql.raw(ENTITIES[entity].idType)}[])`;
}

/** Rows many agents hold at once (a queue's conversations and messages are every operator's). */
const SHARED_BY_MANY: ReadonlySet<SyncEntityName> = new Set(['conversation', 'message']);

/**
 * The data of each `desired` row (audience, entity, entity_id) of one entity, joined through the
 * table's primary key: an index lookup per row, whatever the planner guesses about `desired`. For
 * entities many agents hold at once, each row's data is built once and handed to its holders.
 */
export function projectionOfDesired(entity: SyncEntityName, desired: string): RawBuilder<unknown> {
  const def = ENTITIES[entity];
  if (!SHARED_BY_MANY.has(entity)) {
    return sql`select d.audience, d.entity, d.entity_id, ${sql.raw(def.json)} as data
      from ${sql.table(desired)} d join ${sql.table(def.table)} t on t.id = d.entity_id::${sql.raw(def.idType)}
     where d.entity = ${entity}`;
  }
  return sql`select d.audience, d.entity, d.entity_id, j.data
    from ${sql.table(desired)} d join (
      select i.entity_id, ${sql.raw(def.json)} as data
        from (select distinct entity_id from ${sql.table(desired)} where entity = ${entity}) i
        join ${sql.table(def.table)} t on t.id = i.entity_id::${sql.raw(def.idType)}
    ) j on j.entity_id = d.entity_id
   where d.entity = ${entity}`;
}
