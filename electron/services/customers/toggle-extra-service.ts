// Switching an extra service during the call: queued as a mutation with the customer row patched at
// once (the card shows it), undone by the replica if the server refuses.
import type { Customer } from '../../../contract/domain/customer.ts';
import type { MUTATION_SCHEMAS } from '../../../contract/sync.ts';
import type { z } from 'zod';
import type { ReplicaCalls } from '../db/replica-client.ts';
import type { SyncEngine } from '../sync/engine.ts';

type Args = z.input<(typeof MUTATION_SCHEMAS)['customer.setExtraService']>;

export async function toggleExtraService(db: Pick<ReplicaCalls, 'getRow'>, engine: Pick<SyncEngine, 'enqueue'>, args: Args): Promise<void> {
  const row = await db.getRow('customer', args.customerId);
  const ids = (row?.data as Customer | undefined)?.extraServiceIds;
  // Not in the replica (a card the server sent): nothing local to patch, the mutation still goes.
  const apply = ids
    ? [{ entity: 'customer' as const, id: args.customerId, set: { extraServiceIds: args.enabled ? [...new Set([...ids, args.serviceId])].sort() : ids.filter((s) => s !== args.serviceId) } }]
    : [];
  await engine.enqueue('customer.setExtraService', args, { apply });
}
