// Writes a SeedData into the database: multi-row INSERTs in batches sized under PostgreSQL's
// 65 535-parameter limit, demo passwords hashed on the way. The whole seed is one transaction, so an
// interrupted first-run seed leaves an empty database (seeded again next start), never half of one.
// The sync feed is filled in the same transaction, set-based (server/src/sync/refresh.ts).
import { sql, type Kysely, type Transaction } from 'kysely';
import { hashPassword, type ScryptParams } from '../auth/password.ts';
import { nameSearchKey } from '../customers/name-search.ts';
import type { DB } from '../db/schema.ts';
import { refreshFeedIn } from '../sync/refresh.ts';
import { DEFAULT_SCOPE_DAYS } from '../sync/scope.ts';
import { stampVersions } from '../sync/synced-transaction.ts';
import type { SeedData } from './seed-data.ts';

const MAX_PARAMS = 60_000;

export interface InsertOptions {
  /** Lower scrypt cost for tests; demo databases use the default. */
  scrypt?: ScryptParams;
  onProgress?: (table: string, rows: number) => void;
  /** Clock and window of the agents' sync scope (recent conversations). */
  now?: Date;
  scopeDays?: number;
}

export type SeedCounts = Record<string, number>;

async function insertBatched<T extends keyof DB & string>(
  trx: Transaction<DB>,
  table: T,
  rows: ReadonlyArray<Record<string, unknown>>,
  onProgress?: (table: string, rows: number) => void,
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  for (let i = 0; i < rows.length; i += size) {
    // Kysely's insert types cannot follow a table name chosen at run time; rows are built below.
    await trx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
  onProgress?.(table, rows.length);
  return rows.length;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function insertSeedData(db: Kysely<DB>, data: SeedData, opts: InsertOptions = {}): Promise<SeedCounts> {
  // Hash before the transaction: it is CPU work and must not hold the database.
  const hashes = await mapLimit(data.agents, 4, (a) => hashPassword(a.password, opts.scrypt));
  const p = opts.onProgress;
  return db.transaction().execute(async (trx) => {
    const counts: SeedCounts = {};
    counts.sites = await insertBatched(trx, 'sites', data.sites.map((s) => ({ id: s.id, name: s.name, timezone: s.timezone })), p);
    counts.teams = await insertBatched(trx, 'teams', (data.teams ?? []).map((t) => ({ id: t.id, name: t.name })), p);
    counts.agents = await insertBatched(trx, 'agents', data.agents.map((a, i) => ({
      id: a.id, login: a.login, display_name: a.displayName, role: a.role, site_id: a.siteId, team_id: a.teamId ?? null, password_hash: hashes[i]!,
    })), p);
    counts.tariffs = await insertBatched(trx, 'tariffs', data.tariffs.map((t) => ({
      id: t.id, name: t.name, speed_mbps: t.speedMbps, monthly_fee: t.monthlyFee, connection_type: t.connectionType,
    })), p);
    counts.extraServices = await insertBatched(trx, 'extra_services', data.extraServices.map((e) => ({ id: e.id, name: e.name, monthly_fee: e.monthlyFee })), p);
    counts.customers = await insertBatched(trx, 'customers', data.customers.map((c) => ({
      id: c.id,
      account_number: c.accountNumber,
      full_name: c.fullName,
      name_search: nameSearchKey(c.fullName),
      phones: c.phones,
      emails: c.emails,
      telegram_id: c.telegramId,
      whatsapp_id: c.whatsappId,
      address_region: c.address.region,
      address_city: c.address.city,
      address_street: c.address.street,
      address_house: c.address.house,
      address_apartment: c.address.apartment,
      connection_type: c.connectionType,
      tariff_id: c.tariffId,
      balance: c.balance,
      personal_manager_id: c.personalManagerId,
      created_at: c.createdAt,
      updated_at: c.createdAt,
    })), p);
    await insertBatched(trx, 'customer_extra_services', data.customers.flatMap((c) =>
      [...new Set(c.extraServiceIds)].map((s) => ({ customer_id: c.id, extra_service_id: s }))), p);
    counts.payments = await insertBatched(trx, 'payments', data.payments.map((x) => ({
      id: x.id, customer_id: x.customerId, amount: x.amount, method: x.method, paid_at: x.paidAt, status: x.status,
    })), p);
    counts.articles = await insertBatched(trx, 'kb_articles', data.articles.map((a) => ({
      id: a.id, category: a.category, title: a.title, body: a.body, tags: a.tags, updated_at: a.updatedAt,
    })), p);
    counts.promotions = await insertBatched(trx, 'promotions', data.promotions.map((x) => ({
      id: x.id, name: x.name, summary: x.summary, tags: x.tags, audience: x.audience, starts_on: x.startsOn, ends_on: x.endsOn,
      tariff_ids: x.tariffIds, article_id: x.articleId,
    })), p);
    counts.wrapUpCodes = await insertBatched(trx, 'wrap_up_codes', data.wrapUpCodes.map((x) => ({
      id: x.id, category: x.category, name: x.name, sort: x.sort, active: x.active,
    })), p);
    counts.images = await insertBatched(trx, 'kb_images', (data.images ?? []).map((x) => ({ name: x.name, mime: x.mime, bytes: x.bytes })), p);
    counts.scripts = await insertBatched(trx, 'troubleshooting_scripts', data.scripts.map((x) => ({
      id: x.id, title: x.title, category: x.category, start_step: x.start, steps: JSON.stringify(x.steps), updated_at: x.updatedAt,
    })), p);
    counts.conversations = await insertBatched(trx, 'conversations', data.conversations.map((c) => ({
      id: c.id, channel: c.channel, customer_id: c.customerId, external_address: c.externalAddress, subject: c.subject,
      status: c.status, category: c.category, assignee_id: c.assigneeId, created_at: c.createdAt, updated_at: c.updatedAt,
    })), p);
    counts.messages = await insertBatched(trx, 'messages', data.messages.map((m) => ({
      id: m.id, conversation_id: m.conversationId, direction: m.direction, author_agent_id: m.authorAgentId, body: m.body, created_at: m.createdAt,
    })), p);
    counts.calls = await insertBatched(trx, 'calls', data.calls.map((c) => ({
      id: c.id, conversation_id: c.conversationId, direction: c.direction, agent_id: c.agentId, number: c.number,
      started_at: c.startedAt, answered_at: c.answeredAt, ended_at: c.endedAt, result: c.result, ivr_choice: c.ivrChoice,
      customer_id: c.customerId,
    })), p);
    const feed = await refreshFeedIn(trx, { now: opts.now ?? new Date(), scopeDays: opts.scopeDays ?? DEFAULT_SCOPE_DAYS });
    counts.feed = await stampVersions(trx);
    p?.('sync_feed', feed.global.upserts + feed.scoped.upserts);
    return counts;
  });
}

/** True when nobody can sign in yet: the first run, before seeding. */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const r = await db.selectFrom('agents').select('id').limit(1).executeTakeFirst();
  return r === undefined;
}

/** Empties every table (schema and migrations stay). */
export async function wipeData(db: Kysely<DB>): Promise<void> {
  // The feed's version sequence is not restarted: a replica's cursor must never point past new rows.
  await sql`truncate table channel_webhook_events, attachments, attachment_blobs, agent_state_changes, tasks, wrap_up_codes, promotions, kb_images, kb_article_versions, article_feedback, sync_mutation_results, sync_clients, sync_touch, sync_feed, audit_log, sessions, calls, messages, conversations, kb_articles, troubleshooting_scripts, payments,
    customer_extra_services, customers, extra_services, tariffs, agents, teams, sites restart identity cascade`.execute(db);
}
