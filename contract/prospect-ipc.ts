// Prospects' connection requests between the renderer and the main process: the operator's form is
// queued through the outbox (works offline, reaches the server once), the agent's own recent
// requests and the tariff catalogue are read from the replica.
import { z } from 'zod';
import { ConnectionRequest, ConnectionRequestInput } from './domain/connection-request.ts';
import { Tariff } from './domain/customer.ts';

export const CONNECTION_REQUEST_LIST_MAX = 200;

export const ConnectionRequestCreated = z.object({ queued: z.literal(true), request: ConnectionRequest });
export type ConnectionRequestCreated = z.infer<typeof ConnectionRequestCreated>;

export const ConnectionRequestListInput = z.strictObject({ limit: z.number().int().min(1).max(CONNECTION_REQUEST_LIST_MAX).optional() });
export type ConnectionRequestListInput = z.input<typeof ConnectionRequestListInput>;

export const ConnectionRequestListItem = z.object({
  request: ConnectionRequest,
  tariffName: z.string().nullable(),
  /** Saved on this PC and still in the outbox. */
  pending: z.boolean(),
});
export type ConnectionRequestListItem = z.infer<typeof ConnectionRequestListItem>;
export const ConnectionRequestList = z.object({ items: z.array(ConnectionRequestListItem).max(CONNECTION_REQUEST_LIST_MAX) });
export type ConnectionRequestList = z.infer<typeof ConnectionRequestList>;

export const TariffCatalogue = z.object({ tariffs: z.array(Tariff) });
export type TariffCatalogue = z.infer<typeof TariffCatalogue>;

/** Spread into contract/ipc.ts `methods`. */
export const PROSPECT_METHODS = {
  /** A prospect's connection request: stamped with an id and the time, queued (shown at once). */
  'connectionRequests.create': { input: ConnectionRequestInput, output: ConnectionRequestCreated },
  /** The agent's own recent requests, newest first, with those still in the outbox; works offline. */
  'connectionRequests.list': { input: ConnectionRequestListInput, output: ConnectionRequestList },
  /** The replica's tariff catalogue (both connection types), cheapest first. */
  'connectionRequests.tariffs': { input: z.strictObject({}), output: TariffCatalogue },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
