// Conversations from the replica, and notes queued for them. A queued note is shown at once (as
// "waiting to be sent") because the thread is re-read when the mutation is queued.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePult } from '../../api/api-context.tsx';
import { useSyncStatus } from '../../api/hooks.ts';

function useSyncKey(): string {
  const sync = useSyncStatus();
  return sync.data ? `${sync.data.state}|${sync.data.since}|${sync.data.queued}` : 'none';
}

export function useConversation(id: string | null) {
  const api = usePult();
  const fresh = useSyncKey();
  return useQuery({
    queryKey: ['conversations', 'thread', id, fresh],
    queryFn: () => api.invoke('conversations.get', { id: id! }),
    enabled: id !== null,
    placeholderData: (previous, prevQuery) => (prevQuery?.queryKey[2] === id ? previous : undefined),
  });
}

export function useRecentConversations(enabled = true) {
  const api = usePult();
  const fresh = useSyncKey();
  return useQuery({
    queryKey: ['conversations', 'recent', fresh],
    queryFn: () => api.invoke('conversations.recent', { limit: 20 }),
    enabled,
  });
}

export function useAddNote() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { conversationId: string; body: string }) => api.invoke('conversations.addNote', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['conversations'] }),
  });
}
