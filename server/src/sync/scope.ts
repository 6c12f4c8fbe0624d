// Which customers, conversations, messages and calls each agent's replica holds, and refreshScope,
// which brings the feed in line with that: upserts for what entered (or changed), tombstones for
// what left, so a replica drops what fell out of scope.
//   personal_manager: the portfolio (customers.personal_manager_id).
//   operator: conversations assigned to them that are open or updated in the last scopeDays days,
//     their customers, messages and calls; and two queues, as conversations with their messages:
//     the shared queue — every unassigned conversation of a written channel (not the phone: calls
//     queue in the PBX) that is not resolved — and the team queue — the unresolved written
//     conversations assigned to their teammates (agents.team_id). Taking one moves it from
//     everyone's shared queue to the taker's own and to the taker's teammates' team queue;
//     resolving it takes it out of the queues at once (the assignee keeps it scopeDays days).
//     Queue items carry no customer card, payments or calls: an operator sees what the customer
//     wrote, enough to pick it, and the personal data (account, address, balance, payments) of
//     customers they do not handle stays off their PC — it is on every operator's disk otherwise,
//     offline and unaudited. Whoever takes it gets the card through their own scope; until then
//     the card is looked up online (customers.get), which the server audits.
//     A conversation's audience is more than its assignee: a write that moves one (opened, taken,
//     handed over, resolved) calls refreshConversationsIn, which refreshes it for every agent.
//   both: the payments of those customers over the last PAYMENT_HISTORY_DAYS days.
//   every agent: the calls they took or made in the last scopeDays days (call history), their open
//     follow-up tasks and those done in that time, and the connection requests they took in it.
//     Nothing else scoped for other roles (they look customers up online).
// refreshScopeOfRowsIn is the same refresh restricted to a few rows a write touched (and the rows
// whose place in scope hangs on them): the same SQL with a filter, so it cannot disagree with the
// full one, at the cost of those rows rather than of the agent's whole scope.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { projectionOfDesired, SCOPED_ENTITIES } from './entities.ts';
import { withSyncedTransaction } from './synced-transaction.ts';

export const DEFAULT_SCOPE_DAYS = 14;
/** Payments of the customers in scope go this far back: "did my payment arrive" and mistaken payments. */
export const PAYMENT_HISTORY_DAYS = 180;

export interface ScopeOptions {
  now: Date;
  scopeDays: number;
}

/** One agent, several, or all of them. */
export type ScopeTarget = string | readonly string[] | 'all';

function agentFilter(column: string, target: ScopeTarget): RawBuilder<unknown> {
  if (target === 'all') return sql`true`;
  const ids = typeof target === 'string' ? [target] : [...target];
  return sql`${sql.ref(column)} = any(${ids}::uuid[])`;
}

type ScopedEntity = (typeof SCOPED_ENTITIES)[number];

/**
 * Which rows a refresh looks at: every row, or those the query lists in its CTE `listed_rows`
 * (entity, entity_id). Every scoped entity's id is a uuid.
 */
type RowFilter = 'every row' | 'listed rows';
const LISTED = sql.table('listed_rows');

/** `column` is one of the listed ids of `entity` (always true for every row). */
function listed(rows: RowFilter, entity: ScopedEntity, column: string): RawBuilder<unknown> {
  if (rows === 'every row') return sql`true`;
  return sql`${sql.ref(column)} in (${listedIds(entity)})`;
}

function listedIds(entity: ScopedEntity): RawBuilder<unknown> {
  return sql`select entity_id::uuid from ${LISTED} where entity = ${entity}`;
}

/** A customer is needed for its own row and for its payments' rows. */
function customerNeeded(rows: RowFilter, column: string): RawBuilder<unknown> {
  if (rows === 'every row') return sql`true`;
  return sql`${sql.ref(column)} in (${listedIds('customer')}
    union select p.customer_id from payments p where p.id in (${listedIds('payment')}))`;
}

/** A conversation is needed for its own row, its messages', its calls' and its customer's (and so the payments'). */
function conversationNeeded(rows: RowFilter, column: string): RawBuilder<unknown> {
  if (rows === 'every row') return sql`true`;
  return sql`${sql.ref(column)} in (${listedIds('conversation')}
    union select m.conversation_id from messages m where m.id in (${listedIds('message')})
    union select k.conversation_id from calls k where k.id in (${listedIds('call')})
    union select x.id from conversations x where ${customerNeeded(rows, 'x.customer_id')})`;
}

/**
 * (audience, entity, entity_id) of everything the target agents should hold — of the listed rows
 * only, when `rows` lists some: each branch keeps its own entity's listed ids, and the CTEs the
 * branches share keep what those ids need, so the answer for a listed row is the full one's.
 */
function desiredScope(target: ScopeTarget, opts: ScopeOptions, rows: RowFilter): RawBuilder<unknown> {
  const since = new Date(opts.now.getTime() - opts.scopeDays * 24 * 60 * 60 * 1000);
  const conversations = sql`
    select cv.id, cv.customer_id, cv.assignee_id from conversations cv join agents a on a.id = cv.assignee_id
     where a.role = 'operator' and ${agentFilter('a.id', target)} and (cv.status <> 'resolved' or cv.updated_at >= ${since})
       and ${conversationNeeded(rows, 'cv.id')}`;
  // The queues, (audience, id): no customer, payments or calls follow them (see the header).
  const queued = sql`
    select o.id as audience, cv.id from conversations cv join agents o on o.role = 'operator' and ${agentFilter('o.id', target)}
     where cv.assignee_id is null and cv.status <> 'resolved' and cv.channel <> 'phone' and ${conversationNeeded(rows, 'cv.id')}
    union all
    select o.id, cv.id from conversations cv
      join agents mate on mate.id = cv.assignee_id
      join agents o on o.team_id = mate.team_id and o.id <> mate.id and o.role = 'operator' and ${agentFilter('o.id', target)}
     where cv.assignee_id is not null and cv.status <> 'resolved' and cv.channel <> 'phone' and ${conversationNeeded(rows, 'cv.id')}`;
  const paidSince = new Date(opts.now.getTime() - PAYMENT_HISTORY_DAYS * 24 * 60 * 60 * 1000);
  return sql`
    with cv as (${conversations}),
    q as (${queued}),
    cust as (
      select a.id as audience, c.id as customer_id
        from agents a join customers c on c.personal_manager_id = a.id
       where a.role = 'personal_manager' and ${agentFilter('a.id', target)} and ${customerNeeded(rows, 'c.id')}
      union select cv.assignee_id, cv.customer_id from cv where cv.customer_id is not null and ${customerNeeded(rows, 'cv.customer_id')}
    )
    select audience, 'customer' as entity, customer_id::text as entity_id from cust where ${listed(rows, 'customer', 'cust.customer_id')}
    union select cust.audience, 'payment', p.id::text from cust join payments p on p.customer_id = cust.customer_id and p.paid_at >= ${paidSince}
     where ${listed(rows, 'payment', 'p.id')}
    union select cv.assignee_id, 'conversation', cv.id::text from cv where ${listed(rows, 'conversation', 'cv.id')}
    union select cv.assignee_id, 'message', m.id::text from cv join messages m on m.conversation_id = cv.id where ${listed(rows, 'message', 'm.id')}
    union select cv.assignee_id, 'call', k.id::text from cv join calls k on k.conversation_id = cv.id where ${listed(rows, 'call', 'k.id')}
    union select k.agent_id, 'call', k.id::text from calls k
     where k.agent_id is not null -- a call nobody took (missed in the PBX's queue) is nobody's history; a null audience is everyone's
       and ${agentFilter('k.agent_id', target)} and k.started_at >= ${since} and ${listed(rows, 'call', 'k.id')}
    union select t.assignee_id, 'task', t.id::text from tasks t
     where ${agentFilter('t.assignee_id', target)} and (t.status = 'open' or t.done_at >= ${since}) and ${listed(rows, 'task', 't.id')}
    union select r.created_by, 'connection_request', r.id::text from connection_requests r
     where ${agentFilter('r.created_by', target)} and r.received_at >= ${since} and ${listed(rows, 'connection_request', 'r.id')}
    -- Last and without deduplication: a queue's (audience, conversation) is never the assignee's own,
    -- and nothing above lists it for another agent.
    union all select q.audience, 'conversation', q.id::text from q where ${listed(rows, 'conversation', 'q.id')}
    union all select q.audience, 'message', m.id::text from q join messages m on m.conversation_id = q.id where ${listed(rows, 'message', 'm.id')}`;
}

/** Rows of one entity that a write created or changed in a way that may move them into or out of scope. */
export interface ScopeRows {
  entity: ScopedEntity;
  ids: readonly string[];
}

/**
 * The listed rows and those whose place in scope hangs on them, as desiredScope says: a
 * conversation carries its messages, its calls and its customer; a customer (its own or its
 * conversation's) carries its payments. A write that takes a row away from one of these (a
 * conversation given another customer) lists the old one too.
 */
function rowsAndDependents(rows: readonly ScopeRows[]): RawBuilder<unknown> {
  const entities = rows.flatMap((r) => r.ids.map(() => r.entity));
  const ids = rows.flatMap((r) => [...r.ids]);
  const conversations = sql`select entity_id::uuid from asked where entity = 'conversation'`;
  return sql`
    with asked as (select entity, entity_id from unnest(${entities}::text[], ${ids}::text[]) as a(entity, entity_id)),
    customers as (
      select entity_id::uuid as id from asked where entity = 'customer'
      union select cv.customer_id from conversations cv where cv.id in (${conversations}) and cv.customer_id is not null
    )
    select entity, entity_id from asked
    union select 'message', m.id::text from messages m where m.conversation_id in (${conversations})
    union select 'call', k.id::text from calls k where k.conversation_id in (${conversations})
    union select 'customer', id::text from customers
    union select 'payment', p.id::text from payments p where p.customer_id in (select id from customers)`;
}

/** Brings the target agents' feed rows in line with their scope, inside the caller's transaction. */
export async function refreshScopeIn(trx: Transaction<DB>, target: ScopeTarget, opts: ScopeOptions): Promise<{ upserts: number; deletes: number }> {
  if (noAgents(target)) return { upserts: 0, deletes: 0 };
  return runRefresh(trx, refreshScopeSql(target, opts, null));
}

/**
 * refreshScopeIn for the listed rows (and their dependents) only: upserts for those now in a target
 * agent's scope, tombstones for those that left it; the rest of the feed is not looked at. For a
 * write of a few rows, whatever the size of the writer's scope.
 */
export async function refreshScopeOfRowsIn(trx: Transaction<DB>, target: ScopeTarget, rows: readonly ScopeRows[], opts: ScopeOptions): Promise<{ upserts: number; deletes: number }> {
  if (noAgents(target) || rows.every((r) => r.ids.length === 0)) return { upserts: 0, deletes: 0 };
  return runRefresh(trx, refreshScopeSql(target, opts, rowsAndDependents(rows)));
}

/**
 * After a write that may move conversations between holders — opened, taken, handed over, put back
 * in the queue, resolved: refreshScopeOfRowsIn for every agent, as a conversation's audience is its
 * assignee's plus the shared and team queues' (every operator's, potentially). Costs the listed
 * conversations' rows, whatever the number of agents.
 */
export function refreshConversationsIn(trx: Transaction<DB>, conversationIds: readonly string[], opts: ScopeOptions): Promise<{ upserts: number; deletes: number }> {
  return refreshScopeOfRowsIn(trx, 'all', [{ entity: 'conversation', ids: conversationIds }], opts);
}

function noAgents(target: ScopeTarget): boolean {
  return target !== 'all' && typeof target !== 'string' && target.length === 0;
}

async function runRefresh(trx: Transaction<DB>, query: RawBuilder<{ upserts: number; deletes: number }>): Promise<{ upserts: number; deletes: number }> {
  const row = (await query.execute(trx)).rows[0]!;
  return { upserts: row.upserts, deletes: row.deletes };
}

/** The refresh of every row of the target agents' scope (listedRows null), or of the rows listedRows selects. */
function refreshScopeSql(target: ScopeTarget, opts: ScopeOptions, listedRows: RawBuilder<unknown> | null): RawBuilder<{ upserts: number; deletes: number }> {
  const wanted = SCOPED_ENTITIES.map((entity) => projectionOfDesired(entity, 'desired'));
  const rows: RowFilter = listedRows ? 'listed rows' : 'every row';
  const listing = listedRows ? sql`${LISTED} as materialized (${listedRows}),` : sql``;
  const onlyListed = listedRows ? sql`and (f.entity, f.entity_id) in (select entity, entity_id from ${LISTED})` : sql``;
  return sql<{ upserts: number; deletes: number }>`
    with ${listing}
    desired as materialized (${desiredScope(target, opts, rows)}),
    wanted as (${sql.join(wanted, sql` union all `)}),
    -- Only rows that differ are written: ON CONFLICT locks every row it meets, even unchanged ones.
    changed as (
      select w.* from wanted w
        left join sync_feed f on f.entity = w.entity and f.entity_id = w.entity_id and f.audience = w.audience
       where f.entity is null or f.op <> 'upsert' or f.data is distinct from w.data
    ),
    up as (
      insert into sync_feed as f (entity, entity_id, audience, op, data, version)
      select entity, entity_id, audience, 'upsert', data, null from changed
      on conflict (entity, entity_id, audience) do update set op = 'upsert', data = excluded.data, version = null
      returning f.entity, f.entity_id
    ),
    gone as (
      update sync_feed f set op = 'delete', data = null, version = null
       where f.audience is not null and ${agentFilter('f.audience', target)} and f.op = 'upsert' ${onlyListed}
         and not exists (select 1 from desired d where d.audience = f.audience and d.entity = f.entity and d.entity_id = f.entity_id)
      returning 1
    ),
    -- What entered someone's scope collides with concurrent writers of it (see record-changes.ts).
    touched as (
      insert into sync_touch (entity, entity_id) select distinct entity, entity_id from up
      on conflict (entity, entity_id) do update set n = sync_touch.n + 1
      returning 1
    )
    select (select count(*) from up)::int as upserts, (select count(*) from gone)::int as deletes,
           (select count(*) from touched)::int as touched`;
}

/** refreshScopeIn in a transaction of its own; for the periodic job and after bulk changes. */
export function refreshScope(db: Kysely<DB>, target: ScopeTarget, opts: ScopeOptions): Promise<{ upserts: number; deletes: number }> {
  return withSyncedTransaction(db, (trx) => refreshScopeIn(trx, target, opts));
}
