// The oracle: what an agent's replica must hold, read straight from the tables with JS converters
// and the scope rules written out again in plain code, independent of the feed's SQL.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Agent, Article, ArticleCategory, Call, Conversation, Message, Payment, Promotion, PromotionAudience, Role, SiteId, Task, TroubleshootingScript, WrapUpCode, WrapUpResult } from '../../../contract/index.ts';
import { PAYMENT_HISTORY_DAYS } from '../../../server/src/sync/scope.ts';
import { toCustomer, extraServicesOf } from '../../../server/src/db/queries/customers.ts';
import type { CallsTable, DB } from '../../../server/src/db/schema.ts';
import { key } from './sync-replica.ts';
import type { CannedResponse } from '../../../contract/domain/canned-response.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const DAY = 24 * 60 * 60 * 1000;

function callOf(k: Selectable<CallsTable>): Call {
  const wrapUp: Call['wrapUp'] = k.wrap_up_code_id
    ? { codeId: k.wrap_up_code_id, category: k.wrap_up_category as ArticleCategory, result: k.wrap_up_result as WrapUpResult, note: k.wrap_up_note ?? '', at: iso(k.wrapped_up_at)! }
    : null;
  return {
    id: k.id, conversationId: k.conversation_id, direction: k.direction as Call['direction'], agentId: k.agent_id, number: k.number,
    startedAt: k.started_at.toISOString(), answeredAt: iso(k.answered_at), endedAt: iso(k.ended_at), result: k.result as Call['result'], ivrChoice: k.ivr_choice,
    customerId: k.customer_id, wrapUp,
  };
}

export async function expectedReplica(db: Kysely<DB>, agentId: string, opts: { now: Date; scopeDays: number }): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const r of await db.selectFrom('kb_articles').selectAll().execute()) {
    const a: Article = { id: r.id, category: r.category as ArticleCategory, title: r.title, body: r.body, tags: r.tags, updatedAt: r.updated_at.toISOString() };
    out.set(key('article', r.id), a);
  }
  for (const t of await db.selectFrom('tariffs').selectAll().execute()) {
    out.set(key('tariff', t.id), { id: t.id, name: t.name, speedMbps: t.speed_mbps, monthlyFee: t.monthly_fee, connectionType: t.connection_type });
  }
  for (const e of await db.selectFrom('extra_services').selectAll().execute()) {
    out.set(key('extra_service', e.id), { id: e.id, name: e.name, monthlyFee: e.monthly_fee });
  }
  for (const r of await db.selectFrom('troubleshooting_scripts').selectAll().execute()) {
    const script: TroubleshootingScript = {
      id: r.id, title: r.title, category: r.category as ArticleCategory, start: r.start_step,
      steps: r.steps as TroubleshootingScript['steps'], updatedAt: r.updated_at.toISOString(),
    };
    out.set(key('script', r.id), script);
  }
  // Dates as text: pg turns a `date` into a local-midnight Date, which would shift the day.
  const promotions = await db.selectFrom('promotions')
    .select(['id', 'name', 'summary', 'tags', 'audience', 'tariff_ids', 'article_id'])
    .select([sql<string | null>`starts_on::text`.as('starts_on'), sql<string | null>`ends_on::text`.as('ends_on')])
    .execute();
  for (const p of promotions) {
    const promotion: Promotion = {
      id: p.id, name: p.name, summary: p.summary, tags: p.tags, audience: p.audience as PromotionAudience,
      startsOn: p.starts_on, endsOn: p.ends_on, tariffIds: p.tariff_ids, articleId: p.article_id,
    };
    out.set(key('promotion', p.id), promotion);
  }
  for (const w of await db.selectFrom('wrap_up_codes').selectAll().execute()) {
    const code: WrapUpCode = { id: w.id, category: w.category as ArticleCategory, name: w.name, sort: w.sort, active: w.active };
    out.set(key('wrap_up_code', w.id), code);
  }
  for (const c of await db.selectFrom('canned_responses').selectAll().execute()) {
    const canned: CannedResponse = {
      id: c.id, kind: c.kind as CannedResponse['kind'], title: c.title, body: c.body, language: c.language as CannedResponse['language'],
      channels: c.channels as CannedResponse['channels'], template: c.template as CannedResponse['template'], sort: c.sort, active: c.active,
    };
    out.set(key('canned_response', c.id), canned);
  }
  const agents = await db.selectFrom('agents').selectAll().execute();
  for (const a of agents) {
    const agent: Agent = { id: a.id, login: a.login, displayName: a.display_name, role: a.role as Role, siteId: a.site_id as SiteId, teamId: a.team_id };
    out.set(key('agent', a.id), agent);
  }

  const me = agents.find((a) => a.id === agentId)!;
  const customerIds = new Set<string>();
  const since = opts.now.getTime() - opts.scopeDays * DAY;
  if (me.role === 'personal_manager') {
    for (const c of await db.selectFrom('customers').select('id').where('personal_manager_id', '=', agentId).execute()) customerIds.add(c.id);
  }
  if (me.role === 'operator') {
    const all = await db.selectFrom('conversations').selectAll().execute();
    const convs = all.filter((c) => c.assignee_id === agentId && (c.status !== 'resolved' || c.updated_at.getTime() >= since));
    const convIds = new Set(convs.map((c) => c.id));
    // The queues: unassigned written ones, and teammates' — not resolved; no customer, no calls.
    const teamOf = new Map(agents.map((a) => [a.id, a.team_id]));
    const queued = all.filter((c) => c.channel !== 'phone' && c.status !== 'resolved' && !convIds.has(c.id)
      && (c.assignee_id === null || (me.team_id !== null && c.assignee_id !== agentId && teamOf.get(c.assignee_id) === me.team_id)));
    for (const c of [...convs, ...queued]) {
      const sla = c.first_response_due_at || c.resolution_due_at
        ? { sla: { firstResponseDueAt: iso(c.first_response_due_at), firstResponseAt: iso(c.first_response_at), resolutionDueAt: iso(c.resolution_due_at), pausedAt: iso(c.sla_paused_at) } }
        : {};
      const conv: Conversation = {
        id: c.id, channel: c.channel as Conversation['channel'], customerId: c.customer_id, externalAddress: c.external_address, subject: c.subject,
        status: c.status as Conversation['status'], category: c.category as Conversation['category'], assigneeId: c.assignee_id,
        createdAt: c.created_at.toISOString(), updatedAt: c.updated_at.toISOString(), ...sla,
      };
      out.set(key('conversation', c.id), conv);
      if (c.customer_id && convIds.has(c.id)) customerIds.add(c.customer_id);
    }
    const withMessages = new Set([...convIds, ...queued.map((c) => c.id)]);
    for (const m of await db.selectFrom('messages').selectAll().execute()) {
      if (!withMessages.has(m.conversation_id)) continue;
      const msg: Message = { id: m.id, conversationId: m.conversation_id, direction: m.direction as Message['direction'], authorAgentId: m.author_agent_id, body: m.body, createdAt: m.created_at.toISOString() };
      out.set(key('message', m.id), msg);
    }
    for (const k of await db.selectFrom('calls').selectAll().execute()) {
      if (k.conversation_id && convIds.has(k.conversation_id)) out.set(key('call', k.id), callOf(k));
    }
  }
  // Everyone's own recent calls (call history) and follow-up tasks, whatever the role.
  for (const k of await db.selectFrom('calls').selectAll().where('agent_id', '=', agentId).execute()) {
    if (k.started_at.getTime() >= since) out.set(key('call', k.id), callOf(k));
  }
  for (const t of await db.selectFrom('tasks').selectAll().where('assignee_id', '=', agentId).execute()) {
    if (t.status !== 'open' && (!t.done_at || t.done_at.getTime() < since)) continue;
    const task: Task = {
      id: t.id, kind: t.kind as Task['kind'], customerId: t.customer_id, conversationId: t.conversation_id, number: t.number,
      dueAt: t.due_at.toISOString(), note: t.note, assigneeId: t.assignee_id, status: t.status as Task['status'],
      createdAt: t.created_at.toISOString(), doneAt: iso(t.done_at),
    };
    out.set(key('task', t.id), task);
  }
  if (customerIds.size > 0) {
    const rows = await db.selectFrom('customers').selectAll('customers').select(extraServicesOf('customers.id')).where('id', 'in', [...customerIds]).execute();
    for (const r of rows) out.set(key('customer', r.id), toCustomer(r));
  }
  if (customerIds.size > 0) {
    const paidSince = opts.now.getTime() - PAYMENT_HISTORY_DAYS * DAY;
    for (const p of await db.selectFrom('payments').selectAll().where('customer_id', 'in', [...customerIds]).execute()) {
      if (p.paid_at.getTime() < paidSince) continue;
      const payment: Payment = { id: p.id, customerId: p.customer_id, amount: Number(p.amount), method: p.method as Payment['method'], paidAt: p.paid_at.toISOString(), status: p.status as Payment['status'] };
      out.set(key('payment', p.id), payment);
    }
  }
  return out;
}

/** The feed as stored, for one agent: entity:id → data of its live rows. */
export async function feedFor(db: Kysely<DB>, agentId: string): Promise<Map<string, unknown>> {
  const rows = await db.selectFrom('sync_feed').select(['entity', 'entity_id', 'data'])
    .where('op', '=', 'upsert')
    .where((eb) => eb.or([eb('audience', 'is', null), eb('audience', '=', agentId)]))
    .execute();
  return new Map(rows.map((r) => [key(r.entity, r.entity_id), r.data]));
}

/** The feed's live rows for one agent with their versions, to compare with a replica row for row. */
export async function feedRowsFor(db: Kysely<DB>, agentId: string): Promise<Map<string, { version: string; data: unknown }>> {
  const rows = await db.selectFrom('sync_feed')
    .select(['entity', 'entity_id', 'data', (eb) => eb.cast<string>('version', 'text').as('version')])
    .where('op', '=', 'upsert')
    .where((eb) => eb.or([eb('audience', 'is', null), eb('audience', '=', agentId)]))
    .execute();
  return new Map(rows.map((r) => [key(r.entity, r.entity_id), { version: r.version, data: r.data }]));
}
