// A new row that belongs to a scoped parent (a message of a conversation) reaches every agent who
// holds the parent, in the writer's transaction; recordChanges only updates rows agents already hold.
import { sql, type Transaction } from 'kysely';
import type { SyncEntityName } from '../../../contract/index.ts';
import type { DB } from '../db/schema.ts';
import { idIn, projection } from './entities.ts';

export function recordNewChild(trx: Transaction<DB>, entity: SyncEntityName, id: string, parent: { entity: SyncEntityName; id: string }): Promise<void> {
  return recordNewChildren(trx, entity, parent.entity, [{ id, parentId: parent.id }]);
}

/**
 * recordNewChild for many new rows of one entity (their parents all of one entity) in two
 * statements, whatever their number: a batch of letters pays for its messages once.
 */
export async function recordNewChildren(
  trx: Transaction<DB>, entity: SyncEntityName, parentEntity: SyncEntityName, children: ReadonlyArray<{ id: string; parentId: string }>,
): Promise<void> {
  if (children.length === 0) return;
  // A stable order, as recordChanges: two writers lock the same rows in the same order.
  const sorted = [...new Map(children.map((c) => [c.id, c])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = sorted.map((c) => c.id);
  // The collision row, as in recordChanges: a scope refresh running at the same time conflicts.
  await sql`insert into sync_touch (entity, entity_id) select ${entity}, id from unnest(${ids}::text[]) as i(id)
    on conflict (entity, entity_id) do update set n = sync_touch.n + 1`.execute(trx);
  await sql`
    with c as (select * from unnest(${ids}::text[], ${sorted.map((c) => c.parentId)}::text[]) as c(id, parent_id)),
    p as (${projection(entity, idIn(entity, ids))})
    insert into sync_feed as f (entity, entity_id, audience, op, data, version)
    select ${entity}, p.entity_id, h.audience, 'upsert', p.data, null
      from p join c on c.id = p.entity_id
      join sync_feed h on h.entity = ${parentEntity} and h.entity_id = c.parent_id and h.audience is not null and h.op = 'upsert'
     order by p.entity_id, h.audience
    on conflict (entity, entity_id, audience) do update set op = 'upsert', data = excluded.data, version = null
      where f.op <> 'upsert' or f.data is distinct from excluded.data`.execute(trx);
}
