// A prospect's request to get connected, taken by the operator during a call from an unknown number:
// who to reach, where (an apartment building — Ethernet to the flat — or a private house), which
// tariff they liked and when to call back or visit. The id is made by the client, so the request is
// the same row in the outbox, the replica and on the server, and a resend creates nothing twice.
import { z } from 'zod';
import { AgentId } from './agent.ts';
import { ConnectionType, Tariff } from './customer.ts';
import { E164 } from './phone.ts';

export const CONNECTION_REQUEST_STATUSES = ['new', 'in_progress', 'connected', 'cancelled'] as const;
export const ConnectionRequestStatus = z.enum(CONNECTION_REQUEST_STATUSES);
export type ConnectionRequestStatus = z.infer<typeof ConnectionRequestStatus>;

const Text = (max: number) => z.string().trim().min(1, 'required').max(max);

/** Where to connect. `apartment` is a flat's number in an apartment building, null for a house. */
export const ConnectionAddress = z.strictObject({
  region: Text(200),
  city: Text(200),
  street: Text(200),
  house: Text(32),
  apartment: z.string().trim().min(1, 'required').max(32).nullable(),
});
export type ConnectionAddress = z.infer<typeof ConnectionAddress>;

export const APARTMENT_REQUIRED = 'an apartment building needs the apartment number';
export const APARTMENT_FORBIDDEN = 'a private house has no apartment number';

/** An apartment building needs the flat's number; a private house has none. */
function apartmentFitsType(r: { connectionType: ConnectionType; address: { apartment: string | null } }, ctx: z.RefinementCtx): void {
  const has = r.address.apartment !== null;
  if (r.connectionType === 'apartment_ethernet' && !has) ctx.addIssue({ code: 'custom', message: APARTMENT_REQUIRED, path: ['address', 'apartment'] });
  if (r.connectionType === 'private_house' && has) ctx.addIssue({ code: 'custom', message: APARTMENT_FORBIDDEN, path: ['address', 'apartment'] });
}

/** What the operator fills in. */
const FIELDS = {
  phone: E164,
  contactName: Text(200),
  connectionType: ConnectionType,
  address: ConnectionAddress,
  /** A tariff of the catalogue of this connection type (checked by the server), or none chosen yet. */
  tariffId: Tariff.shape.id.nullable(),
  /** When the prospect wants a call back or the installer's visit, in their words ("weekdays after 18"). */
  preferredTime: z.string().trim().min(1, 'required').max(200).nullable(),
  comment: z.string().trim().max(2000),
  /** The call it was taken in, if any. */
  callId: z.uuid().nullable(),
};

/** The form's content, as the renderer sends it (the main process adds the id and the time). */
export const ConnectionRequestInput = z.strictObject(FIELDS).superRefine(apartmentFitsType);
export type ConnectionRequestInput = z.input<typeof ConnectionRequestInput>;

/** The `connectionRequest.create` mutation's arguments. */
export const ConnectionRequestCreate = z
  .strictObject({
    requestId: z.uuid(),
    ...FIELDS,
    /** The PC's clock when the operator saved it (a request taken offline keeps its time). */
    createdAt: z.iso.datetime({ offset: true }),
  })
  .superRefine(apartmentFitsType);
export type ConnectionRequestCreate = z.input<typeof ConnectionRequestCreate>;

/** The request as the feed, the replica and the supervisors' list carry it. */
export const ConnectionRequest = z
  .object({
    id: z.uuid(),
    ...FIELDS,
    createdBy: AgentId,
    createdAt: z.iso.datetime({ offset: true }),
    status: ConnectionRequestStatus,
  })
  .superRefine(apartmentFitsType);
export type ConnectionRequest = z.infer<typeof ConnectionRequest>;

/** The id as said on the phone and shown in the confirmation: the first 8 hex digits, upper case. */
export function shortRequestId(id: string): string {
  return id.replace(/-/g, '').slice(0, 8).toUpperCase();
}

// ── The server's list for supervisors and quality (GET CONNECTION_REQUESTS_PATH) ─────────────────

export const CONNECTION_REQUESTS_PATH = '/api/connection-requests';

export const ConnectionRequestListQuery = z.strictObject({
  status: ConnectionRequestStatus.optional(),
  createdBy: AgentId.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ConnectionRequestListQuery = z.input<typeof ConnectionRequestListQuery>;

export const ConnectionRequestListResponse = z.object({
  items: z.array(z.object({ request: ConnectionRequest, createdByName: z.string() })).max(500),
});
export type ConnectionRequestListResponse = z.infer<typeof ConnectionRequestListResponse>;
