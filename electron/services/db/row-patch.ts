// An optimistic change to one replica row: top-level fields of the entity replaced by new values.
// Patches are data, not code, so they can be stored with the mutation and replayed on top of the
// server's row whenever that row changes (see pending.ts).
import { z } from 'zod';
import { fromZodError } from '../../../contract/errors.ts';
import { SYNC_ENTITY_SCHEMAS, SyncEntity, type SyncEntityName } from '../../../contract/sync.ts';
import { ReplicaError } from './replica-error.ts';

export const RowPatch = z.strictObject({
  entity: SyncEntity,
  id: z.string().min(1).max(64),
  set: z
    .record(z.string(), z.unknown())
    .refine((s) => !Object.hasOwn(s, 'id'), { message: 'a patch cannot change the id' })
    .refine((s) => Object.keys(s).length > 0, { message: 'a patch sets at least one field' }),
});
export type RowPatch = z.infer<typeof RowPatch>;

export const rowKey = (entity: SyncEntityName, id: string): string => `${entity}\u0000${id}`;

/** The row with the patch on top, checked against the entity's schema (so readers can trust it). */
export function patchRow(entity: SyncEntityName, data: unknown, set: Record<string, unknown>, field: string): unknown {
  const merged = { ...(data as Record<string, unknown>), ...set };
  const r = SYNC_ENTITY_SCHEMAS[entity].safeParse(merged);
  if (!r.success) {
    const e = fromZodError(r.error, `${field}.set`);
    throw new ReplicaError('invalid_input', e.message, e.field);
  }
  return r.data;
}
