// Customer reads: search as you type (debounced, previous results kept while the next load) and
// one card. The replica's sync state and the connection are part of the keys: new rows, or the
// server coming back, change what a search finds.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import { usePult } from '../../api/api-context.tsx';
import { useConnectionStatus, useSyncStatus } from '../../api/hooks.ts';

export const CUSTOMER_RESULTS = 30;

function useFreshness(): string {
  const sync = useSyncStatus();
  const connection = useConnectionStatus();
  return `${sync.data ? `${sync.data.state}|${sync.data.since}` : 'none'}|${connection.data?.state ?? 'unknown'}`;
}

export function useCustomerSearch(query: string) {
  const api = usePult();
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const fresh = useFreshness();
  return useQuery({
    queryKey: ['customers', 'search', debounced, fresh],
    queryFn: () => api.invoke('customers.search', { query: debounced, limit: CUSTOMER_RESULTS }),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useCustomerCard(id: string | null) {
  const api = usePult();
  const fresh = useFreshness();
  return useQuery({
    queryKey: ['customers', 'card', id, fresh],
    queryFn: () => api.invoke('customers.get', { id: id! }),
    enabled: id !== null,
    placeholderData: (previous, prevQuery) => (prevQuery?.queryKey[2] === id ? previous : undefined),
    staleTime: 30_000,
  });
}
