// The Inbox read from the replica, in the worker: a window of conversations (latest first) with the
// total of the filter, each with its customer's name, the last message as a preview and an unread
// mark; a phone conversation's calls; and "seen on this PC".
//
// Unread: the customer's last message or incoming call came after the time this PC last opened the
// conversation; never opened here, after our last reply or note (so a conversation somebody already
// answered is not flagged on a new PC).
//
// A page is read by offset (page × size): a virtual list jumps to any row, and the filter's index (migration
// 0010) is walked, not sorted. The page's ids come first; only they get the per-row subqueries.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  INBOX_CALLS_MAX,
  INBOX_SCOPES,
  InboxListInput,
  type InboxScope,
  type InboxCalls,
  type InboxConversationInput,
  type InboxListResult,
  type InboxRow,
} from '../../../contract/inbox-ipc.ts';
import type { Call, Conversation, Message } from '../../../contract/domain/conversation.ts';
import type { Db } from '../db/open-replica-file.ts';
import { previewText } from './preview-text.ts';

export const ReplicaInboxListInput = InboxListInput.extend({ agentId: z.uuid() });

export interface ReplicaInbox {
  list(input: z.input<typeof ReplicaInboxListInput>): InboxListResult;
  calls(input: z.input<typeof InboxConversationInput>): InboxCalls;
  markSeen(input: z.input<typeof InboxConversationInput>): void;
}

/** What search compares: lower case, ё as е (people type «Семенов» for «Семёнов»). */
export const foldForSearch = (s: string): string => s.toLowerCase().replace(/ё/g, 'е');

type Filter = z.output<typeof ReplicaInboxListInput>;
interface PageRow {
  data: string;
  customer_name: string | null;
  last_message: string | null;
  last_in_message: string | null;
  last_ours: string | null;
  last_in_call: string | null;
  seen_at: string | null;
  assignee_name: string | null;
}

/**
 * Whose conversations: each scope served by the assignee index (migration 0010). The team is read
 * from the agent directory in the replica: the agents sharing the signed-in agent's teamId (none
 * when the agent has no team: the comparison with null is never true). "Mine and the queue" is two
 * arms, each walked in the index's order and merged: an OR in one WHERE made SQLite sort all the
 * rows for every page (130 ms for 100 000 conversations against 2–10 ms).
 */
function scopeArms(scope: InboxScope, agentId: string): Array<{ sql: string | null; params: unknown[] }> {
  switch (scope) {
    case 'mine':
      return [{ sql: 'v.assignee_id = ?', params: [agentId] }];
    case 'unassigned':
      return [{ sql: 'v.assignee_id IS NULL', params: [] }];
    case 'mine_unassigned':
      return [
        { sql: 'v.assignee_id = ?', params: [agentId] },
        { sql: 'v.assignee_id IS NULL', params: [] },
      ];
    case 'team':
      return [{
        sql: `v.assignee_id IN (SELECT mate.id FROM agent mate WHERE mate.id <> ?
          AND mate.data ->> '$.teamId' = (SELECT me.data ->> '$.teamId' FROM agent me WHERE me.id = ?))`,
        params: [agentId, agentId],
      }];
    case 'all':
      return [{ sql: null, params: [] }];
  }
}

interface Where {
  /** One WHERE per arm of the scope; the rows are the arms' union (they never overlap). */
  arms: Array<{ sql: string; params: unknown[] }>;
  needsCustomer: boolean;
}

function whereOf(f: Filter, scope: InboxScope = f.scope): Where {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (f.channel) {
    clauses.push('v.channel = ?');
    params.push(f.channel);
  }
  if (f.status) {
    clauses.push('v.status = ?');
    params.push(f.status);
  }
  if (f.category) {
    clauses.push("v.data ->> '$.category' = ?");
    params.push(f.category);
  }
  const search = foldForSearch(f.search);
  if (search) {
    clauses.push("instr(inbox_fold(coalesce(c.full_name, '') || ' ' || (v.data ->> '$.externalAddress') || ' ' || coalesce((v.data ->> '$.subject'), '')), ?) > 0");
    params.push(search);
  }
  const arms = scopeArms(scope, f.agentId).map((whose) => {
    const all = whose.sql ? [whose.sql, ...clauses] : clauses;
    return { sql: all.length ? `WHERE ${all.join(' AND ')}` : '', params: [...whose.params, ...params] };
  });
  return { arms, needsCustomer: search !== '' };
}

const paramsOf = (w: Where): unknown[] => w.arms.flatMap((a) => a.params);

export function createReplicaInbox(db: Db, now: () => Date = () => new Date()): ReplicaInbox {
  db.function('inbox_fold', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? foldForSearch(s) : s));
  // One prepared statement per filter shape (at most 5 × 2⁴ of them), made on first use.
  const statements = new Map<string, { count: Database.Statement<unknown[]>; page: Database.Statement<unknown[]> }>();
  const statementsFor = (key: string, where: Where) => {
    let s = statements.get(key);
    if (!s) {
      const join = where.needsCustomer ? 'LEFT JOIN customer c ON c.id = v.customer_id' : '';
      const froms = where.arms.map((a) => `FROM conversation v ${join} ${a.sql}`);
      const ids = froms.map((from) => `SELECT v.id, v.updated_at ${from}`).join(' UNION ALL ');
      s = {
        count: db.prepare(`SELECT ${froms.map((from) => `(SELECT count(*) ${from})`).join(' + ')}`).pluck(),
        page: db.prepare(
          `WITH page AS (SELECT id, updated_at FROM (${ids}) ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?)
           SELECT v.data, c.full_name AS customer_name,
             (SELECT json_array(m.data ->> '$.direction', substr(m.data ->> '$.body', 1, 4000)) FROM message m
               WHERE m.conversation_id = v.id ORDER BY m.created_at DESC LIMIT 1) AS last_message,
             (SELECT max(m.created_at) FROM message m WHERE m.conversation_id = v.id AND m.data ->> '$.direction' = 'in') AS last_in_message,
             (SELECT max(m.created_at) FROM message m WHERE m.conversation_id = v.id AND m.data ->> '$.direction' <> 'in') AS last_ours,
             (SELECT max(k.started_at) FROM call k WHERE k.conversation_id = v.id AND k.data ->> '$.direction' = 'in') AS last_in_call,
             s.seen_at, a.display_name AS assignee_name
           FROM page JOIN conversation v ON v.id = page.id
           LEFT JOIN customer c ON c.id = v.customer_id
           LEFT JOIN inbox_seen s ON s.conversation_id = v.id
           LEFT JOIN agent a ON a.id = v.assignee_id
           ORDER BY page.updated_at DESC, page.id DESC`,
        ),
      };
      statements.set(key, s);
    }
    return s;
  };
  // The unfiltered list's count per scope, from the counts the triggers keep (migration 0012).
  const kept = db.prepare(
    `SELECT coalesce((SELECT n FROM inbox_assignee_count WHERE assignee_id = @me), 0) AS mine,
       coalesce((SELECT n FROM inbox_assignee_count WHERE assignee_id = ''), 0) AS unassigned,
       coalesce((SELECT sum(k.n) FROM inbox_assignee_count k JOIN agent mate ON mate.id = k.assignee_id
         WHERE mate.id <> @me AND mate.data ->> '$.teamId' = (SELECT me.data ->> '$.teamId' FROM agent me WHERE me.id = @me)), 0) AS team,
       coalesce((SELECT sum(n) FROM inbox_assignee_count), 0) AS all_`,
  );
  const keptCounts = (agentId: string): Record<InboxScope, number> => {
    const k = kept.get({ me: agentId }) as { mine: number; unassigned: number; team: number; all_: number };
    return { mine: k.mine, unassigned: k.unassigned, mine_unassigned: k.mine + k.unassigned, team: k.team, all: k.all_ };
  };
  const calls = db.prepare('SELECT data FROM call WHERE conversation_id = ? ORDER BY started_at LIMIT ?').pluck();
  const seen = db.prepare(
    'INSERT INTO inbox_seen (conversation_id, seen_at) VALUES (?, ?) ON CONFLICT (conversation_id) DO UPDATE SET seen_at = excluded.seen_at',
  );

  const toRow = (r: PageRow): InboxRow => {
    const c = JSON.parse(r.data) as Conversation;
    const last = r.last_message ? (JSON.parse(r.last_message) as [Message['direction'], string | null]) : null;
    const lastIn = [r.last_in_message, r.last_in_call].filter((x): x is string => x !== null).sort().at(-1) ?? null;
    const mark = r.seen_at ?? r.last_ours ?? '';
    return {
      id: c.id,
      channel: c.channel,
      customerId: c.customerId,
      customerName: r.customer_name,
      externalAddress: c.externalAddress,
      subject: c.subject,
      preview: last ? previewText(last[1] ?? '') || null : null,
      previewDirection: last ? last[0] : null,
      status: c.status,
      category: c.category,
      assigneeId: c.assigneeId,
      assigneeName: c.assigneeId ? r.assignee_name : null,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      unread: lastIn !== null && lastIn > mark,
      sla: c.sla ?? null,
    };
  };

  return {
    list(raw) {
      const input = ReplicaInboxListInput.parse(raw);
      const where = whereOf(input);
      const key = `${input.scope}|${Boolean(input.channel)}|${Boolean(input.status)}|${Boolean(input.category)}|${where.needsCustomer}`;
      const s = statementsFor(key, where);
      const unfiltered = !input.channel && !input.status && !input.category && !where.needsCustomer;
      const counted = unfiltered ? keptCounts(input.agentId) : null;
      const total = counted ? counted[input.scope] : (s.count.get(...paramsOf(where)) as number);
      const rows = (s.page.all(...paramsOf(where), input.pageSize, input.page * input.pageSize) as PageRow[]).map(toRow);
      if (!input.counts) return { total, page: input.page, rows };
      if (counted) return { total, page: input.page, rows, scopeCounts: counted };
      // Every scope's count for the scope switch (the list's filters, other scopes).
      const scopeCounts = Object.fromEntries(
        INBOX_SCOPES.map((scope) => {
          if (scope === input.scope) return [scope, total];
          const other = whereOf(input, scope);
          return [scope, statementsFor(`${scope}|${key.slice(key.indexOf('|') + 1)}`, other).count.get(...paramsOf(other)) as number];
        }),
      ) as Record<InboxScope, number>;
      return { total, page: input.page, rows, scopeCounts };
    },
    calls({ id }) {
      return { calls: (calls.all(id, INBOX_CALLS_MAX) as string[]).map((d) => JSON.parse(d) as Call) };
    },
    markSeen({ id }) {
      seen.run(id, now().toISOString());
    },
  };
}
