// For the fault suites against the real server: a larger data set (a first sync of many pages,
// with scoped rows for the operator), the server's rows for an agent in the shape the replica
// checksums use, and what the database says about a client's mutations — each one's effect counted.
import { sql } from 'kysely';
import type { Article, Conversation, Customer, Message } from '../../../contract/index.ts';
import type { SeedData } from '../../../server/src/seed/seed-data.ts';
import type { SyncedRow } from '../../unit/replica/fault-kit.ts';
import { AGENT_IDS, CUSTOMER_IDS, fixtureData } from './fixtures.ts';
import { feedRowsFor } from './sync-expected.ts';
import type { SyncHarness } from './sync-harness.ts';

export const FAULT_NOW = new Date('2025-01-20T12:00:00.000Z');
const uuid = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;
export const faultArticleId = (i: number) => uuid('21000000', i);
export const faultCustomerId = (i: number) => uuid('11000000', i);

/**
 * The fixtures plus `articles` articles and, for the operator, `conversations` open conversations
 * with a customer and three messages each: global and scoped rows interleave in the feed.
 */
export function faultData(opts: { articles: number; conversations: number }): SeedData {
  const d = fixtureData();
  const at = FAULT_NOW.toISOString();
  for (let i = 0; i < opts.articles; i++) {
    const a: Article = {
      id: faultArticleId(i), category: 'technical', title: `Статья для сбоев ${i}`,
      body: `Перезагрузите роутер и проверьте кабель (${i}).`, tags: [], updatedAt: at,
    };
    d.articles.push(a);
  }
  const base = d.customers[0]!;
  for (let i = 0; i < opts.conversations; i++) {
    const c: Customer = {
      ...base, id: faultCustomerId(i), accountNumber: String(700000 + i), fullName: `Абонент Сбоев ${i}`,
      phones: [`+7915${String(3_000_000 + i)}`], emails: [], telegramId: null, personalManagerId: null,
    };
    d.customers.push(c);
    const conv: Conversation = {
      id: uuid('41000000', i), channel: 'phone', customerId: c.id, externalAddress: c.phones[0]!, subject: null,
      status: 'open', category: 'technical', assigneeId: AGENT_IDS.operator, createdAt: at, updatedAt: at,
    };
    d.conversations.push(conv);
    for (let k = 0; k < 3; k++) {
      const m: Message = { id: uuid('51000000', i * 3 + k), conversationId: conv.id, direction: 'in', authorAgentId: null, body: `Сообщение ${k}`, createdAt: at };
      d.messages.push(m);
    }
  }
  return d;
}

/** Customers in the operator's scope that contacts changes go to. */
export const PATCHED_CUSTOMERS = [CUSTOMER_IDS.ivanova, faultCustomerId(0), faultCustomerId(1)];

/** The feed's live rows for the agent, as a replica must hold them. */
export async function serverRowsFor(h: SyncHarness, agentId: string): Promise<SyncedRow[]> {
  const rows = await feedRowsFor(h.database.db, agentId);
  return [...rows].map(([k, r]) => {
    const i = k.indexOf(':');
    return { entity: k.slice(0, i) as SyncedRow['entity'], id: k.slice(i + 1), version: r.version, data: r.data };
  });
}

export interface ServerMutations {
  /** sync_mutation_results of the client, by seq. */
  results: Array<{ seq: number; status: string }>;
  lastSeq: number;
  /** article_feedback rows per comment (the tag), and the tags in the order they were inserted. */
  feedbackCount: Map<string, number>;
  feedbackOrder: string[];
  /** customer_updated audit rows written by this agent, per customer. */
  contactsAudits: Map<string, number>;
}

export async function serverMutations(h: SyncHarness, clientId: string, agentId: string): Promise<ServerMutations> {
  const db = h.database.db;
  const results = await db.selectFrom('sync_mutation_results').select(['seq', 'status']).where('client_id', '=', clientId).orderBy('seq').execute();
  const client = await db.selectFrom('sync_clients').select('last_seq').where('client_id', '=', clientId).executeTakeFirst();
  const feedback = await db.selectFrom('article_feedback').select(['comment']).where('agent_id', '=', agentId).where('comment', 'is not', null).orderBy('id').execute();
  const feedbackCount = new Map<string, number>();
  for (const f of feedback) feedbackCount.set(f.comment!, (feedbackCount.get(f.comment!) ?? 0) + 1);
  const audits = await db.selectFrom('audit_log')
    .select(['target_id', sql<number>`count(*)::int`.as('n')])
    .where('action', '=', 'customer_updated').where('actor_agent_id', '=', agentId)
    .groupBy('target_id').execute();
  return {
    results: results.map((r) => ({ seq: Number(r.seq), status: r.status })),
    lastSeq: Number(client?.last_seq ?? 0),
    feedbackCount,
    feedbackOrder: feedback.map((f) => f.comment!),
    contactsAudits: new Map(audits.map((a) => [a.target_id!, a.n])),
  };
}
