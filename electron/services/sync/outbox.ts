// Queueing a write: the mutation's arguments are checked against MUTATION_SCHEMAS (a bad one is an
// invalid_input error naming the field, and nothing is queued), then the replica stores it and
// applies the optimistic change in one transaction. The engine pushes it afterwards.
//
// The optimistic change is given as row patches; the undo is not given but kept by the replica
// (the server's row under the pending patches, see db/pending.ts), so it stays right when the row
// changes on the server in between or two edits of one row are pending.
import { z } from 'zod';
import { fromZodError } from '../../../contract/errors.ts';
import { MUTATION_SCHEMAS, MutationNameSchema, type MutationName } from '../../../contract/sync.ts';
import type { Enqueued } from '../db/outbox-store.ts';
import type { ReplicaCalls } from '../db/replica-client.ts';
import { ReplicaError } from '../db/replica-error.ts';
import { RowPatch } from '../db/row-patch.ts';
import { ServiceError } from '../errors.ts';

export type MutationArgs<N extends MutationName> = z.input<(typeof MUTATION_SCHEMAS)[N]>;

export interface EnqueueOptions {
  /** Row patches shown at once, undone if the server rejects the mutation. */
  apply?: RowPatch[];
}

export interface Outbox {
  enqueue<N extends MutationName>(name: N, args: MutationArgs<N>, opts?: EnqueueOptions): Promise<Enqueued>;
}

export function createOutbox(db: Pick<ReplicaCalls, 'enqueue'>, onQueued: (e: Enqueued) => void = () => {}): Outbox {
  const check = <T>(schema: z.ZodType<T>, value: unknown, field: string): T => {
    const r = schema.safeParse(value);
    if (!r.success) {
      const e = fromZodError(r.error, field);
      throw new ServiceError('invalid_input', e.message, e.field);
    }
    return r.data;
  };
  return {
    async enqueue(name, args, opts = {}) {
      const n = check(MutationNameSchema, name, 'name');
      const a = check(MUTATION_SCHEMAS[n] as z.ZodType, args, 'args');
      const apply = check(z.array(RowPatch).max(50), opts.apply ?? [], 'apply');
      let queued: Enqueued;
      try {
        queued = await db.enqueue({ name: n, args: a, apply });
      } catch (e) {
        // The patched row failed its entity's schema: the field is named, nothing was queued.
        if (e instanceof ReplicaError && e.code === 'invalid_input') throw new ServiceError('invalid_input', e.message, e.field);
        throw e;
      }
      onQueued(queued);
      return queued;
    },
  };
}
