// Favourites and recently opened articles, from the replica (this agent's, on this PC; offline too).
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePult } from '../../api/api-context.tsx';
import { useSyncStatus } from '../../api/hooks.ts';

const SAVED = ['kb', 'saved'] as const;

export function useKbSaved() {
  const api = usePult();
  // Titles come from the replica's articles: a sync may rename or remove one.
  const sync = useSyncStatus();
  const syncKey = sync.data ? `${sync.data.state}|${sync.data.since}` : 'none';
  return useQuery({ queryKey: [...SAVED, syncKey], queryFn: () => api.invoke('kb.listSaved', {}), staleTime: 30_000 });
}

export function useSetFavourite() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { articleId: string; favourite: boolean }) => api.invoke('kb.setFavourite', input),
    onSettled: () => qc.invalidateQueries({ queryKey: SAVED }),
  });
}

/** Remembers the article as opened once it is shown. */
export function useMarkOpened(articleId: string | undefined) {
  const api = usePult();
  const qc = useQueryClient();
  useEffect(() => {
    if (!articleId) return;
    api
      .invoke('kb.markOpened', { articleId })
      .then(() => qc.invalidateQueries({ queryKey: SAVED }))
      .catch(() => {}); // "recently opened" is a convenience; reading the article matters more
  }, [api, qc, articleId]);
}
