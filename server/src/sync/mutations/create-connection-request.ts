// A prospect's connection request, taken during a call. The id is the client's: a resend (another
// push of the same outbox entry, or the same request from a reinstalled client) changes nothing; the
// same id with another phone or from another agent is a conflict. The tariff, when chosen, must be
// in the catalogue and made for this connection type. The request enters its creator's scope (their
// replica lists it) in this transaction.
import type { z } from 'zod';
import type { ConnectionType, MUTATION_SCHEMAS } from '../../../../contract/index.ts';
import { refreshScopeOfRowsIn } from '../scope.ts';
import type { MutationContext } from './context.ts';
import { MAY_PHONE } from './log-call.ts';
import { MutationRefused } from './refusal.ts';

type Args = z.output<(typeof MUTATION_SCHEMAS)['connectionRequest.create']>;

const TYPE_IN_WORDS: Record<ConnectionType, string> = {
  apartment_ethernet: 'apartment buildings',
  private_house: 'private houses',
};

export async function createConnectionRequest(ctx: MutationContext, args: Args): Promise<void> {
  const { agent, prefix, trx, now } = ctx;
  if (!MAY_PHONE.includes(agent.role)) throw new MutationRefused('forbidden', `this needs one of the roles: ${MAY_PHONE.join(', ')}`);
  const existing = await trx.selectFrom('connection_requests').select(['created_by', 'phone']).where('id', '=', args.requestId).executeTakeFirst();
  if (existing) {
    if (existing.created_by === agent.id && existing.phone === args.phone) return;
    throw new MutationRefused('conflict', 'a different connection request already has this id', `${prefix}.requestId`);
  }
  if (args.tariffId !== null) {
    const tariff = await trx.selectFrom('tariffs').select(['name', 'connection_type']).where('id', '=', args.tariffId).executeTakeFirst();
    if (!tariff) throw new MutationRefused('not_found', 'no such tariff in the catalogue: pick another', `${prefix}.tariffId`);
    if (tariff.connection_type !== args.connectionType) {
      throw new MutationRefused(
        'invalid_input',
        `the tariff «${tariff.name}» is for ${TYPE_IN_WORDS[tariff.connection_type as ConnectionType]}, not ${TYPE_IN_WORDS[args.connectionType]}`,
        `${prefix}.tariffId`,
      );
    }
  }
  const { address } = args;
  await trx
    .insertInto('connection_requests')
    .values({
      id: args.requestId, phone: args.phone, contact_name: args.contactName, connection_type: args.connectionType,
      address_region: address.region, address_city: address.city, address_street: address.street, address_house: address.house,
      address_apartment: address.apartment, tariff_id: args.tariffId, preferred_time: args.preferredTime, comment: args.comment,
      call_id: args.callId, created_by: agent.id, status: 'new', created_at: new Date(args.createdAt), received_at: now,
    })
    .execute();
  // Only the request itself enters a scope (its creator's); nothing hangs on it.
  await refreshScopeOfRowsIn(trx, agent.id, [{ entity: 'connection_request', ids: [args.requestId] }], { now, scopeDays: ctx.scopeDays });
}
