// An extra service switched on or off during the call (operators; a personal manager only within
// the portfolio). Idempotent: switching on what is on changes nothing. Audit-logged by service id.
import type { z } from 'zod';
import type { MUTATION_SCHEMAS, Role } from '../../../../contract/index.ts';
import { writeAudit } from '../../db/queries/audit.ts';
import { recordChanges } from '../record-changes.ts';
import type { MutationContext } from './context.ts';
import { MutationRefused } from './refusal.ts';

const MAY_CHANGE: Role[] = ['operator', 'personal_manager', 'supervisor'];

export async function setExtraService(ctx: MutationContext, args: z.output<(typeof MUTATION_SCHEMAS)['customer.setExtraService']>): Promise<void> {
  const { agent, prefix, trx } = ctx;
  if (!MAY_CHANGE.includes(agent.role)) throw new MutationRefused('forbidden', `this needs one of the roles: ${MAY_CHANGE.join(', ')}`);
  const customer = await trx.selectFrom('customers').select(['id', 'personal_manager_id']).where('id', '=', args.customerId).forUpdate().executeTakeFirst();
  if (!customer) throw new MutationRefused('not_found', 'customer not found', `${prefix}.customerId`);
  if (agent.role === 'personal_manager' && customer.personal_manager_id !== agent.id) {
    throw new MutationRefused('forbidden', 'this customer is not in your portfolio', `${prefix}.customerId`);
  }
  const service = await trx.selectFrom('extra_services').select('id').where('id', '=', args.serviceId).executeTakeFirst();
  if (!service) throw new MutationRefused('not_found', 'no such extra service in the catalogue', `${prefix}.serviceId`);
  if (args.enabled) {
    const r = await trx.insertInto('customer_extra_services').values({ customer_id: customer.id, extra_service_id: service.id })
      .onConflict((oc) => oc.doNothing()).executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return;
  } else {
    const r = await trx.deleteFrom('customer_extra_services').where('customer_id', '=', customer.id).where('extra_service_id', '=', service.id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) return;
  }
  await trx.updateTable('customers').set({ updated_at: ctx.now }).where('id', '=', customer.id).execute();
  // Services do not decide who holds a customer: its holders get the new data, no scope moves.
  await recordChanges(trx, 'customer', [customer.id]);
  await writeAudit(trx, {
    action: 'customer_updated', actorAgentId: agent.id, actorLogin: agent.login, targetType: 'customer', targetId: customer.id,
    fields: [`extraServices.${service.id}.${args.enabled ? 'on' : 'off'}`], ip: ctx.ip,
  });
}
