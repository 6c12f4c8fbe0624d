// Knowledge-base reads from the local replica: search as you type (debounced, previous results kept
// while the next ones load) and one article.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import type { ArticleCategory } from '../../../../contract/domain/article.ts';
import { usePult } from '../../api/api-context.tsx';
import { useSyncStatus } from '../../api/hooks.ts';

export function useKbSearch(query: string, categories: ArticleCategory[]) {
  const api = usePult();
  const [debounced] = useDebouncedValue(query.trim(), 120);
  // New rows after a sync change the results: the replica's state is part of the key.
  const sync = useSyncStatus();
  const syncKey = sync.data ? `${sync.data.state}|${sync.data.since}` : 'none';
  return useQuery({
    queryKey: ['kb', 'search', debounced, [...categories].sort(), syncKey],
    queryFn: () => api.invoke('kb.search', { query: debounced, categories, limit: 30 }),
    enabled: debounced.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useKbArticle(id: string | null) {
  const api = usePult();
  return useQuery({
    queryKey: ['kb', 'article', id],
    queryFn: () => api.invoke('kb.getArticle', { id: id! }),
    enabled: id !== null,
    staleTime: 30_000,
  });
}
