// One search result line from a customer row, wherever the row came from.
import type { Customer } from '../../../contract/domain/customer.ts';
import type { CustomerHit, CustomerMatchField, CustomerSource } from '../../../contract/customers-ipc.ts';
import type { ParsedQuery } from './parse-query.ts';

export function toHit(c: Customer, matched: CustomerMatchField, tariffName: string | null, source: CustomerSource, phone?: string): CustomerHit {
  return {
    id: c.id,
    fullName: c.fullName,
    accountNumber: c.accountNumber,
    phone: phone ?? c.phones[0] ?? null,
    address: c.address,
    tariffName,
    balance: c.balance,
    matched,
    source,
  };
}

/** Which field a customer the server found matched (it answers with rows, not reasons). */
export function matchedField(q: ParsedQuery, c: Customer): { matched: CustomerMatchField; phone?: string } {
  if (q.kind === 'number') {
    if (q.phone && c.phones.includes(q.phone)) return { matched: 'phone', phone: q.phone };
    if (q.account && c.accountNumber.startsWith(q.account)) return { matched: 'account' };
    return { matched: 'phone' };
  }
  return { matched: q.kind === 'address' ? 'address' : 'name' };
}
