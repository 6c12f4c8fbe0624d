// Brings the feed's rows for every agent (articles, tariffs, extra services, agents) in line with
// the tables, set-based: the seed fills the feed with it, and the periodic refresh repairs any
// write that bypassed recordChanges.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { GLOBAL_ENTITIES, projection } from './entities.ts';

export async function refreshGlobalIn(trx: Transaction<DB>): Promise<{ upserts: number; deletes: number }> {
  const wanted = GLOBAL_ENTITIES.map((entity) => sql`select ${entity}::text as entity, p.entity_id, p.data from (${projection(entity, sql`true`)}) p`);
  const r = await sql<{ upserts: number; deletes: number }>`
    with wanted as (${sql.join(wanted, sql` union all `)}),
    -- Only rows that differ are written: ON CONFLICT locks every row it meets, even unchanged ones.
    changed as (
      select w.* from wanted w
        left join sync_feed f on f.entity = w.entity and f.entity_id = w.entity_id and f.audience is null
       where f.entity is null or f.op <> 'upsert' or f.data is distinct from w.data
    ),
    up as (
      insert into sync_feed as f (entity, entity_id, audience, op, data, version)
      select entity, entity_id, null, 'upsert', data, null from changed
      on conflict (entity, entity_id, audience) do update set op = 'upsert', data = excluded.data, version = null
      returning 1
    ),
    gone as (
      update sync_feed f set op = 'delete', data = null, version = null
       where f.audience is null and f.op = 'upsert'
         and not exists (select 1 from wanted w where w.entity = f.entity and w.entity_id = f.entity_id)
      returning 1
    )
    select (select count(*) from up)::int as upserts, (select count(*) from gone)::int as deletes`.execute(trx);
  return r.rows[0]!;
}
