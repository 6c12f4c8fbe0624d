// A new row that belongs to a scoped parent (a message of a conversation) reaches every agent who
// holds the parent, in the writer's transaction; recordChanges only updates rows agents already hold.
import { sql, type Transaction } from 'kysely';
import type { SyncEntityName } from '../../../contract/index.ts';
import type { DB } from '../db/schema.ts';
import { idIn, projection } from './entities.ts';

export async function recordNewChild(trx: Transaction<DB>, entity: SyncEntityName, id: string, parent: { entity: SyncEntityName; id: string }): Promise<void> {
  // The collision row, as in recordChanges: a scope refresh running at the same time conflicts.
  await sql`insert into sync_touch (entity, entity_id) values (${entity}, ${id})
    on conflict (entity, entity_id) do update set n = sync_touch.n + 1`.execute(trx);
  await sql`
    with p as (${projection(entity, idIn(entity, [id]))})
    insert into sync_feed as f (entity, entity_id, audience, op, data, version)
    select ${entity}, p.entity_id, h.audience, 'upsert', p.data, null
      from p, sync_feed h
     where h.entity = ${parent.entity} and h.entity_id = ${parent.id} and h.audience is not null and h.op = 'upsert'
    on conflict (entity, entity_id, audience) do update set op = 'upsert', data = excluded.data, version = null
      where f.op <> 'upsert' or f.data is distinct from excluded.data`.execute(trx);
}
