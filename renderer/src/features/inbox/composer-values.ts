// The values a canned response's variables take in the open conversation: the customer's name (as
// a Russian contact center addresses people: first name and patronymic), account number and
// tariff from the customer's card, and the signed-in operator's name. Unknown ones stay missing.
import { useSession } from '../../api/hooks.ts';
import { useCustomerCard } from '../customers/use-customers.ts';
import { addressName, type CannedValues } from './canned-variables.ts';

export function useCannedValues(customerId: string | null): CannedValues {
  const card = useCustomerCard(customerId).data?.card ?? null;
  const session = useSession().data ?? null;
  return {
    name: card ? addressName(card.customer.fullName) : null,
    account: card?.customer.accountNumber ?? null,
    tariff: card?.tariff?.name ?? null,
    operator: session?.agent.displayName ?? null,
  };
}
