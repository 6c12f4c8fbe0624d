// Customers of the provider as the contact center sees them.
import { z } from 'zod';
import { E164 } from './phone.ts';
import { AgentId } from './agent.ts';

export const CONNECTION_TYPES = ['apartment_ethernet', 'private_house'] as const;
export const ConnectionType = z.enum(CONNECTION_TYPES);
export type ConnectionType = z.infer<typeof ConnectionType>;

export const Address = z.object({
  region: z.string().min(1).max(200),
  city: z.string().min(1).max(200),
  street: z.string().min(1).max(200),
  house: z.string().min(1).max(32),
  apartment: z.string().max(32).nullable(),
});
export type Address = z.infer<typeof Address>;

/** Money is kept in kopecks (integer) so sums never round. */
export const Kopecks = z.number().int();

export const Payment = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  amount: Kopecks,
  method: z.enum(['bank_card', 'sbp', 'bank_transfer', 'cash_terminal', 'online_banking', 'promised_payment']),
  paidAt: z.iso.datetime({ offset: true }),
  status: z.enum(['completed', 'mistaken', 'refunded']),
});
export type Payment = z.infer<typeof Payment>;

export const Tariff = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  speedMbps: z.number().int().positive(),
  monthlyFee: Kopecks,
  connectionType: ConnectionType,
});
export type Tariff = z.infer<typeof Tariff>;

export const ExtraService = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  monthlyFee: Kopecks,
});
export type ExtraService = z.infer<typeof ExtraService>;

export const Customer = z.object({
  id: z.uuid(),
  accountNumber: z.string().regex(/^\d{6,12}$/),
  fullName: z.string().min(1).max(300),
  phones: z.array(E164).max(10),
  emails: z.array(z.email()).max(10),
  telegramId: z.string().max(64).nullable(),
  whatsappId: z.string().max(64).nullable(),
  address: Address,
  connectionType: ConnectionType,
  tariffId: z.string().min(1).max(64),
  extraServiceIds: z.array(z.string().min(1).max(64)).max(50),
  balance: Kopecks,
  personalManagerId: AgentId.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Customer = z.infer<typeof Customer>;
