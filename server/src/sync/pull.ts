// One page of an agent's feed: rows for everyone plus rows for this agent, after a version, in
// version order. One REPEATABLE READ read-only transaction, so the page and `remaining` describe
// the same moment. Versions are stamped at commit in commit order (./README.md), so a row this
// snapshot does not see yet will get a version above every one it does see.
import { sql, type Kysely } from 'kysely';
import type { Change, PullResponse, SyncEntityName } from '../../../contract/index.ts';
import type { DB } from '../db/schema.ts';
import { HttpError } from '../http/errors.ts';

interface FeedRow {
  entity: SyncEntityName;
  entity_id: string;
  op: 'upsert' | 'delete';
  data: unknown;
  version: string;
}

function toChange(r: FeedRow): Change {
  return r.op === 'delete'
    ? { op: 'delete', entity: r.entity, id: r.entity_id, version: r.version }
    : ({ op: 'upsert', entity: r.entity, id: r.entity_id, version: r.version, data: r.data } as Change);
}

/** `after` is a decimal string within bigint range (checked by the route). */
export async function pullPage(db: Kysely<DB>, agentId: string, after: string, limit: number): Promise<PullResponse> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (trx) => {
    // Versions only grow, so a cursor past the last one issued came from another database (this one
    // was replaced or restored): silently answering "nothing new" would freeze that replica forever.
    const issued = await sql<{ last: string }>`select (case when is_called then last_value else 0 end)::text as last from sync_feed_version_seq`.execute(trx);
    if (BigInt(after) > BigInt(issued.rows[0]!.last)) {
      throw new HttpError(409, 'conflict', `after: the replica is ahead of this server's feed (was its database replaced?); sync again from "0"`, 'after');
    }
    // Two index range scans on (audience, version), merged; an OR would scan every agent's rows.
    const page = await sql<FeedRow>`
      select u.entity, u.entity_id, u.op, u.data, u.version::text as version from (
        (select entity, entity_id, op, data, version from sync_feed
          where audience is null and version > ${after}::bigint order by version limit ${limit})
        union all
        (select entity, entity_id, op, data, version from sync_feed
          where audience = ${agentId}::uuid and version > ${after}::bigint order by version limit ${limit})
      ) u order by u.version limit ${limit}`.execute(trx);
    const changes = page.rows.map(toChange);
    const next = page.rows.at(-1)?.version ?? after;
    const left = await sql<{ n: string }>`
      select ((select count(*) from sync_feed where audience is null and version > ${next}::bigint)
            + (select count(*) from sync_feed where audience = ${agentId}::uuid and version > ${next}::bigint))::text as n`.execute(trx);
    const remaining = Number(left.rows[0]!.n);
    return { changes, next, hasMore: remaining > 0, remaining };
  });
}
