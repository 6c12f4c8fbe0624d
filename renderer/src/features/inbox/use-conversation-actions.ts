// The conversation toolbar's data: what of the conversation waits in the outbox and the operators
// it can be handed to (re-read with the sync state), the actions themselves (queued, shown at once),
// and the last refusal of one of them by the server (the 'sync.rejected' event, for this conversation).
import { useCallback, useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CONVERSATION_ACTIONS, type ConversationAction } from '../../../../contract/conversation-actions-ipc.ts';
import type { MethodInput } from '../../../../contract/ipc.ts';
import { usePult, usePultClient } from '../../api/api-context.tsx';
import { useSyncStatus } from '../../api/hooks.ts';
import type { ActionRefusal } from './conversation-action-refusal.ts';

function useSyncKey(): string {
  const sync = useSyncStatus();
  return sync.data ? `${sync.data.state}|${sync.data.since}|${sync.data.queued}` : 'none';
}

export function useConversationActionsState(conversationId: string) {
  const api = usePult();
  const fresh = useSyncKey();
  return useQuery({
    queryKey: ['conversationActions', 'state', conversationId, fresh],
    queryFn: () => api.invoke('conversationActions.state', { conversationId }),
    placeholderData: (previous, prevQuery) => (prevQuery?.queryKey[2] === conversationId ? previous : undefined),
  });
}

export type ActionRequest =
  | { action: 'conversation.assign'; args: MethodInput<'conversationActions.assign'> }
  | { action: 'conversation.setStatus'; args: MethodInput<'conversationActions.setStatus'> }
  | { action: 'conversation.setCategory'; args: MethodInput<'conversationActions.setCategory'> }
  | { action: 'conversation.linkCustomer'; args: MethodInput<'conversationActions.linkCustomer'> };

export function useConversationAction() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: ActionRequest) => {
      if (r.action === 'conversation.assign') return api.invoke('conversationActions.assign', r.args);
      if (r.action === 'conversation.setStatus') return api.invoke('conversationActions.setStatus', r.args);
      if (r.action === 'conversation.linkCustomer') return api.invoke('conversationActions.linkCustomer', r.args);
      return api.invoke('conversationActions.setCategory', r.args);
    },
    // The replica's row is patched already: the view, the list and the pending mark re-read it.
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['conversations'] }),
        qc.invalidateQueries({ queryKey: ['inbox', 'list'] }),
        qc.invalidateQueries({ queryKey: ['conversationActions'] }),
      ]),
  });
}

const isAction = (name: string): name is ConversationAction => (CONVERSATION_ACTIONS as readonly string[]).includes(name);

/** The server's last refusal of an action on this conversation (until dismissed or another is made). */
export function useActionRefusal(conversationId: string): [ActionRefusal | null, () => void] {
  const client = usePultClient();
  // Kept with its conversation's id: opening another conversation shows none of this one's.
  const [refusal, setRefusal] = useState<(ActionRefusal & { conversationId: string }) | null>(null);
  useEffect(
    () =>
      client.api.on('sync.rejected', (r) => {
        const args = r.args as { conversationId?: unknown } | null;
        if (isAction(r.name) && args?.conversationId === conversationId) setRefusal({ seq: r.seq, name: r.name, error: r.error, conversationId });
      }),
    [client, conversationId],
  );
  const dismiss = useCallback(() => setRefusal(null), []);
  return [refusal?.conversationId === conversationId ? refusal : null, dismiss];
}
