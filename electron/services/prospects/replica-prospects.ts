// The prospects' reads from the replica, in the worker: the agent's own recent connection requests
// — the synced ones and those still in the outbox (a request taken offline shows at once, marked
// pending) — and the tariff catalogue the form offers, cheapest first.
import { z } from 'zod';
import type { ConnectionRequest } from '../../../contract/domain/connection-request.ts';
import type { Tariff } from '../../../contract/domain/customer.ts';
import { CONNECTION_REQUEST_LIST_MAX, ConnectionRequestListInput, type ConnectionRequestListItem } from '../../../contract/prospect-ipc.ts';
import type { MutationArgs } from '../sync/outbox.ts';
import type { Db } from '../db/open-replica-file.ts';

export const ReplicaConnectionRequestsInput = ConnectionRequestListInput.extend({ agentId: z.uuid() });

type CreateArgs = MutationArgs<'connectionRequest.create'>;

export interface ReplicaProspects {
  list(input: z.input<typeof ReplicaConnectionRequestsInput>): ConnectionRequestListItem[];
  tariffs(): Tariff[];
}

/** The request a queued mutation will create: what the server's feed sends back once applied. */
export function queuedRequest(args: CreateArgs, agentId: string): ConnectionRequest {
  const { requestId, ...fields } = args;
  return { id: requestId, ...fields, createdBy: agentId, status: 'new' } as ConnectionRequest;
}

export function createReplicaProspects(db: Db): ReplicaProspects {
  const synced = db.prepare('SELECT data FROM connection_request WHERE created_by = ? ORDER BY created_at DESC LIMIT ?').pluck();
  const has = db.prepare('SELECT 1 FROM connection_request WHERE id = ?').pluck();
  const queued = db.prepare("SELECT args FROM outbox WHERE name = 'connectionRequest.create' ORDER BY seq").pluck();
  const tariffRows = db.prepare('SELECT data FROM tariff').pluck();

  return {
    list(raw) {
      const input = ReplicaConnectionRequestsInput.parse(raw);
      const limit = input.limit ?? 50;
      const tariffName = new Map(this.tariffs().map((t) => [t.id, t.name]));
      const item = (request: ConnectionRequest, pending: boolean): ConnectionRequestListItem => ({
        request, pending, tariffName: request.tariffId ? (tariffName.get(request.tariffId) ?? null) : null,
      });
      const fromServer = (synced.all(input.agentId, CONNECTION_REQUEST_LIST_MAX) as string[]).map((d) => item(JSON.parse(d) as ConnectionRequest, false));
      const waiting = (queued.all() as string[])
        .map((a) => JSON.parse(a) as CreateArgs)
        .filter((a) => !has.get(a.requestId))
        .map((a) => item(queuedRequest(a, input.agentId), true));
      return [...waiting, ...fromServer].sort((a, b) => b.request.createdAt.localeCompare(a.request.createdAt)).slice(0, limit);
    },
    tariffs() {
      return (tariffRows.all() as string[])
        .map((d) => JSON.parse(d) as Tariff)
        .sort((a, b) => a.monthlyFee - b.monthlyFee || a.name.localeCompare(b.name, 'ru'));
    },
  };
}
