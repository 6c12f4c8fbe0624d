// A customer given to another personal manager (or to none): the row, the audit log, the feed of
// everyone holding the customer, and the scope of both managers change in one transaction — so the
// old manager's replica gets tombstones (the customer and the payments) and the new one's upserts.
import type { Kysely } from 'kysely';
import type { AgentWithSite, Customer } from '../../../contract/index.ts';
import { writeAudit } from '../db/queries/audit.ts';
import { getCustomer } from '../db/queries/customers.ts';
import type { DB } from '../db/schema.ts';
import { HttpError, notFound } from '../http/errors.ts';
import { recordChanges } from '../sync/record-changes.ts';
import { refreshScopeIn, type ScopeOptions } from '../sync/scope.ts';
import { withSyncedTransaction } from '../sync/synced-transaction.ts';

export function reassignCustomer(
  db: Kysely<DB>,
  actor: { agent: AgentWithSite; ip: string | null },
  customerId: string,
  managerId: string | null,
  scope: ScopeOptions,
): Promise<Customer> {
  return withSyncedTransaction(db, async (trx) => {
    const before = await getCustomer(trx, customerId, { forUpdate: true });
    if (!before) throw notFound('customer');
    if (managerId) {
      const manager = await trx.selectFrom('agents').select('role').where('id', '=', managerId).executeTakeFirst();
      if (manager?.role !== 'personal_manager') throw new HttpError(400, 'invalid_input', 'personalManagerId: not a personal manager', 'personalManagerId');
    }
    if (before.personalManagerId === managerId) return before;
    await trx.updateTable('customers').set({ personal_manager_id: managerId, updated_at: scope.now }).where('id', '=', customerId).execute();
    await recordChanges(trx, 'customer', [customerId]);
    await refreshScopeIn(trx, [before.personalManagerId, managerId].filter((x): x is string => x !== null), scope);
    await writeAudit(trx, {
      action: 'customer_reassigned', actorAgentId: actor.agent.id, actorLogin: actor.agent.login, targetType: 'customer', targetId: customerId, fields: ['personalManagerId'], ip: actor.ip,
    });
    return (await getCustomer(trx, customerId))!;
  });
}
