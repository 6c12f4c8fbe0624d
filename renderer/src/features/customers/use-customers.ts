// Customer reads: search as you type (debounced, previous results kept while the next load) and
// one card. The replica's sync state and the connection are part of the keys: new rows, or the
// server coming back, change what a search finds.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import type { PultApi } from '../../../../contract/ipc.ts';
import { usePult } from '../../api/api-context.tsx';
import { useConnectionStatus, useSyncStatus } from '../../api/hooks.ts';

export const CUSTOMER_RESULTS = 30;

/** Part of every customer query's key: what the replica and the connection had when it ran. */
export function useCustomerFreshness(): string {
  const sync = useSyncStatus();
  const connection = useConnectionStatus();
  return `${sync.data ? `${sync.data.state}|${sync.data.since}` : 'none'}|${connection.data?.state ?? 'unknown'}`;
}

export function useCustomerSearch(query: string) {
  const api = usePult();
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const fresh = useCustomerFreshness();
  return useQuery({
    queryKey: ['customers', 'search', debounced, fresh],
    queryFn: () => api.invoke('customers.search', { query: debounced, limit: CUSTOMER_RESULTS }),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** One customer's card; shared by the card view and the screen pop's prefetch, so both hit one cache entry. */
export function customerCardQuery(api: PultApi, id: string, fresh: string) {
  return queryOptions({
    queryKey: ['customers', 'card', id, fresh],
    queryFn: () => api.invoke('customers.get', { id }),
    staleTime: 30_000,
  });
}

export function useCustomerCard(id: string | null) {
  const api = usePult();
  const fresh = useCustomerFreshness();
  return useQuery({
    ...customerCardQuery(api, id ?? '', fresh),
    enabled: id !== null,
    placeholderData: (previous, prevQuery) => (prevQuery?.queryKey[2] === id ? previous : undefined),
  });
}
