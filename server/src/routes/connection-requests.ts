// Prospects' connection requests for supervisors, quality and admin: the newest first, by status or
// by the agent who took them. Operators see their own through their replica (the feed), not here.
import type { FastifyInstance } from 'fastify';
import type { Kysely, Selectable } from 'kysely';
import {
  CONNECTION_REQUESTS_PATH,
  ConnectionRequestListQuery,
  type ConnectionRequest,
  type ConnectionRequestListResponse,
} from '../../../contract/index.ts';
import type { RequireRole } from '../auth/require-role.ts';
import type { AppContext } from '../context.ts';
import type { ConnectionRequestsTable, DB } from '../db/schema.ts';
import { parseInput } from '../http/errors.ts';

function toRequest(r: Selectable<ConnectionRequestsTable>): ConnectionRequest {
  return {
    id: r.id, phone: r.phone, contactName: r.contact_name, connectionType: r.connection_type,
    address: { region: r.address_region, city: r.address_city, street: r.address_street, house: r.address_house, apartment: r.address_apartment },
    tariffId: r.tariff_id, preferredTime: r.preferred_time, comment: r.comment, callId: r.call_id,
    createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(), status: r.status,
  };
}

async function listConnectionRequests(db: Kysely<DB>, raw: unknown): Promise<ConnectionRequestListResponse> {
  const q = parseInput(ConnectionRequestListQuery, raw);
  let query = db.selectFrom('connection_requests as r').innerJoin('agents as a', 'a.id', 'r.created_by').selectAll('r').select('a.display_name');
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.createdBy) query = query.where('r.created_by', '=', q.createdBy);
  const rows = await query.orderBy('r.created_at', 'desc').orderBy('r.id').limit(q.limit).execute();
  return { items: rows.map(({ display_name, ...r }) => ({ request: toRequest(r), createdByName: display_name })) };
}

export function registerConnectionRequestRoutes(app: FastifyInstance, ctx: AppContext, requireRole: RequireRole): void {
  app.get(CONNECTION_REQUESTS_PATH, { preHandler: requireRole('supervisor', 'quality_manager', 'admin') }, (req) => listConnectionRequests(ctx.db, req.query));
}
