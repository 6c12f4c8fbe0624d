// Customer look-up between the renderer and the main process: search over the local replica (the
// server only when the replica has nothing), and the customer card with recent contacts.
import { z } from 'zod';
import { Call, Conversation } from './domain/conversation.ts';
import { Address, Customer, ExtraService, Kopecks, Payment, Tariff } from './domain/customer.ts';
import { E164 } from './domain/phone.ts';
import { Promotion } from './domain/promotion.ts';

export const CUSTOMER_SEARCH_MAX = 50;

/** One text box: a name, a phone in any Russian format, an account number or an address fragment. */
export const CustomerSearchInput = z.strictObject({
  query: z.string().max(200),
  limit: z.number().int().min(1).max(CUSTOMER_SEARCH_MAX).optional(),
});
export type CustomerSearchInput = z.infer<typeof CustomerSearchInput>;

export const CUSTOMER_MATCH_FIELDS = ['name', 'phone', 'account', 'address'] as const;
export const CustomerMatchField = z.enum(CUSTOMER_MATCH_FIELDS);
export type CustomerMatchField = z.infer<typeof CustomerMatchField>;

/** Where a customer came from: the local replica, or the central server because the replica had none. */
export const CustomerSource = z.enum(['replica', 'server']);
export type CustomerSource = z.infer<typeof CustomerSource>;

export const CustomerHit = z.object({
  id: z.uuid(),
  fullName: z.string(),
  accountNumber: z.string(),
  /** The phone that matched, else the first one. */
  phone: E164.nullable(),
  address: Address,
  tariffName: z.string().nullable(),
  balance: Kopecks,
  matched: CustomerMatchField,
  source: CustomerSource,
});
export type CustomerHit = z.infer<typeof CustomerHit>;

export const CustomerSearchResult = z.object({
  results: z.array(CustomerHit).max(CUSTOMER_SEARCH_MAX),
  /** The replica had nothing and the server could not be asked: say so, do not say "nobody". */
  offline: z.boolean(),
  /** The replica had nothing and the server was asked (results, if any, are marked `server`). */
  askedServer: z.boolean(),
});
export type CustomerSearchResult = z.infer<typeof CustomerSearchResult>;

export const CustomerGetInput = z.strictObject({ id: z.uuid() });
export type CustomerGetInput = z.infer<typeof CustomerGetInput>;

/** An extra service of the customer; name and fee are null when the catalogue does not know the id. */
export const CustomerExtraService = z.object({ id: z.string(), name: z.string().nullable(), monthlyFee: Kopecks.nullable() });
export type CustomerExtraService = z.infer<typeof CustomerExtraService>;

export const CUSTOMER_CARD_RECENT = 10;
export const CUSTOMER_CARD_OFFERS = 12;

export const CustomerCard = z.object({
  customer: Customer,
  source: CustomerSource,
  tariff: Tariff.nullable(),
  extraServices: z.array(CustomerExtraService),
  /** Every extra service the provider sells (the replica's catalogue), to switch on during a call. */
  serviceCatalogue: z.array(ExtraService),
  /** The latest conversations and calls the replica holds for this customer, newest first. */
  conversations: z.array(Conversation).max(CUSTOMER_CARD_RECENT),
  calls: z.array(Call).max(CUSTOMER_CARD_RECENT),
  /** The latest payments the replica holds (none for a customer from the server), newest first. */
  payments: z.array(Payment).max(CUSTOMER_CARD_RECENT),
  /** Promotions this customer can take (tariff, existing customers), running first, then upcoming. */
  offers: z.array(Promotion).max(CUSTOMER_CARD_OFFERS),
});
export type CustomerCard = z.infer<typeof CustomerCard>;

export const CustomerGetResult = z.object({
  /** null: not in the replica and not on the server (or not in this agent's reach). */
  card: CustomerCard.nullable(),
  /** Not in the replica, and the server could not be asked. */
  offline: z.boolean(),
});
export type CustomerGetResult = z.infer<typeof CustomerGetResult>;
