// What the customer search index (customer-index.ts) holds of one customer: its phones and its
// name and address folded for word-prefix search. Pure, so a pull page's keys can be made on the
// page checker's thread (prepare-page.ts) while the worker writes the page before.
import type { Customer } from '../../../contract/domain/customer.ts';
import { addressKey, nameKey } from '../customers/search-key.ts';

export interface CustomerKeys {
  phones: string[];
  nameKey: string;
  addressKey: string;
}

export const customerKeys = (c: Customer): CustomerKeys => ({ phones: c.phones, nameKey: nameKey(c.fullName), addressKey: addressKey(c.address) });
