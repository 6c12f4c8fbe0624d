// Puts a write into the feed, inside the writer's transaction (withSyncedTransaction stamps it).
// Call after changing rows of an entity, with their ids: the feed rows get the entity's current
// data, or become tombstones if the rows are gone. Rows whose data did not change keep their version.
//
// Scoped entities change only for the agents already holding them; who holds what is decided by
// refreshScope (scope.ts). A change that moves an entity between agents (a customer given to
// another manager) calls refreshScopeIn for those agents in the same transaction.
import { sql, type Transaction } from 'kysely';
import type { SyncEntityName } from '../../../contract/index.ts';
import type { DB } from '../db/schema.ts';
import { idIn, isGlobalEntity, projection } from './entities.ts';

export async function recordChanges(trx: Transaction<DB>, entity: SyncEntityName, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  // A stable order, so two writers of the same rows lock them in the same order.
  const sorted = [...new Set(ids)].sort();
  if (isGlobalEntity(entity)) await recordGlobal(trx, entity, sorted);
  else await recordScoped(trx, entity, sorted);
}

async function recordGlobal(trx: Transaction<DB>, entity: SyncEntityName, ids: string[]): Promise<void> {
  await sql`
    with p as (${projection(entity, idIn(entity, ids))}),
    up as (
      insert into sync_feed as f (entity, entity_id, audience, op, data, version)
      select ${entity}, p.entity_id, null, 'upsert', p.data, null from p order by p.entity_id
      on conflict (entity, entity_id, audience) do update set op = 'upsert', data = excluded.data, version = null
        where f.op <> 'upsert' or f.data is distinct from excluded.data
      returning 1
    )
    update sync_feed f set op = 'delete', data = null, version = null
     where f.entity = ${entity} and f.audience is null and f.op = 'upsert'
       and f.entity_id = any(${ids}::text[]) and f.entity_id not in (select entity_id from p)`.execute(trx);
}

async function recordScoped(trx: Transaction<DB>, entity: SyncEntityName, ids: string[]): Promise<void> {
  // The collision row: a concurrent scope refresh that hands this entity to a new agent writes it
  // too, so one of the two transactions fails with 40001 and retries on a snapshot that has the
  // other's work, instead of the new agent getting data from before this change.
  await sql`
    insert into sync_touch (entity, entity_id) select ${entity}, id from unnest(${ids}::text[]) as i(id)
    on conflict (entity, entity_id) do update set n = sync_touch.n + 1`.execute(trx);
  // Materialized: each row's data built once. Inlined, the planner may rebuild it for every feed
  // row it joins (one per holder), which made a batch of 50 conversations take over a second.
  await sql`
    with p as materialized (${projection(entity, idIn(entity, ids))})
    update sync_feed f
       set op = case when p.data is null then 'delete' else 'upsert' end, data = p.data, version = null
      from unnest(${ids}::text[]) as i(id) left join p on p.entity_id = i.id
     where f.entity = ${entity} and f.entity_id = i.id and f.audience is not null and f.op = 'upsert'
       and f.data is distinct from p.data`.execute(trx);
}
