// Editing calls that go to the central server through the main process (online only): save an
// article, its versions, the operators' feedback summary.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Article } from '../../../../contract/domain/article.ts';
import type { KbSaveArticleInput } from '../../../../contract/kb-editing.ts';
import { usePult } from '../../api/api-context.tsx';
import { useConnectionStatus } from '../../api/hooks.ts';
import { PultCallError } from '../../api/pult-error.ts';

export function useSaveArticle() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: KbSaveArticleInput) => api.invoke('kb.saveArticle', input),
    onSuccess: ({ article }) => {
      // The replica gets the text through the feed a moment later; show the saved one now.
      qc.setQueryData<Article | null>(['kb', 'article', article.id], article);
      void qc.invalidateQueries({ queryKey: ['kb', 'search'] });
      void qc.invalidateQueries({ queryKey: ['kb', 'saved'] });
      void qc.invalidateQueries({ queryKey: ['kb', 'history', article.id] });
    },
  });
}

/** After a conflict: sync now, then the article as the replica has it (the other editor's text). */
export function useLatestArticle(id: string | null) {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const status = await api.invoke('sync.now', {});
      if (status?.state === 'offline') throw status.reason ? PultCallError.from(status.reason) : new PultCallError('server_unreachable', 'sync failed');
      return api.invoke('kb.getArticle', { id: id! });
    },
    onSuccess: (article) => {
      if (article) qc.setQueryData<Article | null>(['kb', 'article', article.id], article);
    },
  });
}

export function useArticleHistory(id: string) {
  const api = usePult();
  return useQuery({ queryKey: ['kb', 'history', id], queryFn: () => api.invoke('kb.articleHistory', { id }), retry: false });
}

export function useFeedbackSummary(days: number) {
  const api = usePult();
  // Asked again when the server comes back, instead of keeping the "no connection" answer.
  const online = useConnectionStatus().data?.state === 'online';
  return useQuery({ queryKey: ['kb', 'feedbackSummary', days, online], queryFn: () => api.invoke('kb.feedbackSummary', { days }), retry: false, staleTime: 30_000 });
}
