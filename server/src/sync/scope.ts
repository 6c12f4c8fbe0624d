// Which customers, conversations, messages and calls each agent's replica holds, and refreshScope,
// which brings the feed in line with that: upserts for what entered (or changed), tombstones for
// what left, so a replica drops what fell out of scope.
//   personal_manager: the portfolio (customers.personal_manager_id).
//   operator: conversations assigned to them that are open or updated in the last scopeDays days,
//     their customers, messages and calls.
//   both: the payments of those customers over the last PAYMENT_HISTORY_DAYS days.
//   every agent: the calls they took or made in the last scopeDays days (call history), their open
//     follow-up tasks and those done in that time, and the connection requests they took in it.
//     Nothing else scoped for other roles (they look customers up online).
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

/** (audience, entity, entity_id) of everything the target agents should hold. */
function desiredScope(target: ScopeTarget, opts: ScopeOptions): RawBuilder<unknown> {
  const since = new Date(opts.now.getTime() - opts.scopeDays * 24 * 60 * 60 * 1000);
  const conversations = sql`
    select cv.id, cv.customer_id, cv.assignee_id from conversations cv join agents a on a.id = cv.assignee_id
     where a.role = 'operator' and ${agentFilter('a.id', target)} and (cv.status <> 'resolved' or cv.updated_at >= ${since})`;
  const paidSince = new Date(opts.now.getTime() - PAYMENT_HISTORY_DAYS * 24 * 60 * 60 * 1000);
  return sql`
    with cv as (${conversations}),
    cust as (
      select a.id as audience, c.id as customer_id
        from agents a join customers c on c.personal_manager_id = a.id
       where a.role = 'personal_manager' and ${agentFilter('a.id', target)}
      union select cv.assignee_id, cv.customer_id from cv where cv.customer_id is not null
    )
    select audience, 'customer' as entity, customer_id::text as entity_id from cust
    union select cust.audience, 'payment', p.id::text from cust join payments p on p.customer_id = cust.customer_id and p.paid_at >= ${paidSince}
    union select cv.assignee_id, 'conversation', cv.id::text from cv
    union select cv.assignee_id, 'message', m.id::text from cv join messages m on m.conversation_id = cv.id
    union select cv.assignee_id, 'call', k.id::text from cv join calls k on k.conversation_id = cv.id
    union select k.agent_id, 'call', k.id::text from calls k
     where ${agentFilter('k.agent_id', target)} and k.started_at >= ${since}
    union select t.assignee_id, 'task', t.id::text from tasks t
     where ${agentFilter('t.assignee_id', target)} and (t.status = 'open' or t.done_at >= ${since})
    union select r.created_by, 'connection_request', r.id::text from connection_requests r
     where ${agentFilter('r.created_by', target)} and r.received_at >= ${since}`;
}

/** Brings the target agents' feed rows in line with their scope, inside the caller's transaction. */
export async function refreshScopeIn(trx: Transaction<DB>, target: ScopeTarget, opts: ScopeOptions): Promise<{ upserts: number; deletes: number }> {
  if (target !== 'all' && typeof target !== 'string' && target.length === 0) return { upserts: 0, deletes: 0 };
  const r = await refreshScopeSql(target, opts).execute(trx);
  const row = r.rows[0]!;
  return { upserts: row.upserts, deletes: row.deletes };
}

function refreshScopeSql(target: ScopeTarget, opts: ScopeOptions): RawBuilder<{ upserts: number; deletes: number }> {
  const wanted = SCOPED_ENTITIES.map((entity) => projectionOfDesired(entity, 'desired'));
  return sql<{ upserts: number; deletes: number }>`
    with desired as materialized (${desiredScope(target, opts)}),
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
       where f.audience is not null and ${agentFilter('f.audience', target)} and f.op = 'upsert'
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
