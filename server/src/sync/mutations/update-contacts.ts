// Contacts of a customer corrected during a call. Same rules as PATCH /api/customers/:id: phones
// stored as E.164, a personal manager only within the portfolio, the change audit-logged by field
// name; updatePersonalData puts it in the feed for every agent holding the customer.
import type { z } from 'zod';
import type { MUTATION_SCHEMAS, Role } from '../../../../contract/index.ts';
import { normalizePhone } from '../../customers/normalize-phone.ts';
import { writeAudit } from '../../db/queries/audit.ts';
import { getCustomer, updatePersonalData } from '../../db/queries/customers.ts';
import type { MutationContext } from './context.ts';
import { MutationRefused } from './refusal.ts';

const MAY_UPDATE: Role[] = ['operator', 'personal_manager', 'supervisor'];

export async function updateContacts(ctx: MutationContext, args: z.output<(typeof MUTATION_SCHEMAS)['customer.updateContacts']>): Promise<void> {
  const { agent, prefix } = ctx;
  if (!MAY_UPDATE.includes(agent.role)) throw new MutationRefused('forbidden', `this needs one of the roles: ${MAY_UPDATE.join(', ')}`);
  const phones = args.phones?.map((raw, i) => {
    const e164 = normalizePhone(raw);
    if (!e164) throw new MutationRefused('invalid_input', `${prefix}.phones.${i}: not a valid phone number`, `${prefix}.phones.${i}`);
    return e164;
  });
  const before = await getCustomer(ctx.trx, args.customerId, { forUpdate: true });
  if (!before) throw new MutationRefused('not_found', 'customer not found', `${prefix}.customerId`);
  if (agent.role === 'personal_manager' && before.personalManagerId !== agent.id) {
    throw new MutationRefused('forbidden', 'this customer is not in your portfolio', `${prefix}.customerId`);
  }
  const change = {
    phones: phones && [...new Set(phones)],
    emails: args.emails && [...new Set(args.emails.map((e) => e.trim()))],
  };
  // Contacts do not decide who holds a customer: its holders get the new data, no scope moves.
  const fields = await updatePersonalData(ctx.trx, before, change, ctx.now);
  if (fields.length === 0) return;
  await writeAudit(ctx.trx, {
    action: 'customer_updated', actorAgentId: agent.id, actorLogin: agent.login, targetType: 'customer', targetId: before.id, fields, ip: ctx.ip,
  });
}
