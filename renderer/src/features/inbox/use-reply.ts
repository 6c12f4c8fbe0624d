// The reply composer's reads and writes through window.pult: canned responses and queued replies
// from the replica (keys carry the sync state, so a queued or settled reply re-reads them), the
// conversation's draft (read once, saved after a pause in typing and when the composer closes),
// sending, and refusals of this conversation's replies as they come back from the server.
import { useCallback, useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { SendReplyInput } from '../../../../contract/composer-ipc.ts';
import type { PultError } from '../../../../contract/errors.ts';
import { usePult } from '../../api/api-context.tsx';
import { useSyncStatus } from '../../api/hooks.ts';

export const DRAFT_SAVE_PAUSE_MS = 600;

function useSyncKey(): string {
  const sync = useSyncStatus();
  return sync.data ? `${sync.data.state}|${sync.data.since}|${sync.data.queued}` : 'none';
}

export function useCannedResponses() {
  const api = usePult();
  const fresh = useSyncKey();
  return useQuery({
    queryKey: ['composer', 'canned', fresh],
    queryFn: () => api.invoke('composer.cannedResponses', {}),
    placeholderData: (previous) => previous,
    staleTime: 60_000,
  });
}

export function useQueuedReplies(conversationId: string) {
  const api = usePult();
  const fresh = useSyncKey();
  return useQuery({
    queryKey: ['composer', 'queued', conversationId, fresh],
    queryFn: () => api.invoke('composer.queued', { conversationId }),
    placeholderData: (previous, prevQuery) => (prevQuery?.queryKey[2] === conversationId ? previous : undefined),
  });
}

/** The stored draft, read once per opening (the field is the truth while the composer is open). */
export function useStoredDraft(conversationId: string) {
  const api = usePult();
  return useQuery({
    queryKey: ['composer', 'draft', conversationId],
    queryFn: () => api.invoke('composer.getDraft', { conversationId }),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

/** save(text) after a pause in typing; flush() at once (sending, closing the conversation). */
export function useDraftSaver(conversationId: string) {
  const api = usePult();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const waiting = useRef<string | null>(null);
  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const body = waiting.current;
    waiting.current = null;
    if (body !== null) void api.invoke('composer.saveDraft', { conversationId, body }).catch(() => undefined);
  }, [api, conversationId]);
  const save = useCallback(
    (body: string) => {
      waiting.current = body;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, DRAFT_SAVE_PAUSE_MS);
    },
    [flush],
  );
  /** Forgets a save still waiting (the reply was sent: the main process cleared the draft). */
  const drop = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    waiting.current = null;
  }, []);
  // Closing the conversation, or the page, saves what is still waiting for the pause.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);
  return { save, flush, drop };
}

export function useSendReply() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SendReplyInput) => api.invoke('composer.send', input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['composer', 'queued'] });
      void qc.invalidateQueries({ queryKey: ['conversations'] });
    },
  });
}

const RejectedReply = z.object({ conversationId: z.uuid(), body: z.string() });

/** Calls back when the server refuses one of this conversation's replies (its text and why). */
export function useReplyRefusals(conversationId: string, onRefused: (body: string, error: PultError) => void) {
  const api = usePult();
  const latest = useRef(onRefused);
  useEffect(() => {
    latest.current = onRefused;
  }, [onRefused]);
  useEffect(
    () =>
      api.on('sync.rejected', (r) => {
        if (r.name !== 'message.reply') return;
        const args = RejectedReply.safeParse(r.args);
        if (args.success && args.data.conversationId === conversationId) latest.current(args.data.body, r.error);
      }),
    [api, conversationId],
  );
}
