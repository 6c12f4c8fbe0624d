// The Inbox's reads: the list a page of INBOX_PAGE rows at a time (a virtual list asks for the pages
// its window covers, so 100 000 conversations cost what the screen shows), a phone conversation's
// calls, and "seen here". Keys carry the sync state, so a pull or a queued note re-reads them.
import { useCallback, useEffect } from 'react';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxFilter, InboxListResult } from '../../../../contract/inbox-ipc.ts';
import { usePult } from '../../api/api-context.tsx';
import { useSyncStatus } from '../../api/hooks.ts';

export const INBOX_PAGE = 50;

/**
 * What the Inbox shows when it opens: "mine and the queue" (InboxPage tells why), unfiltered. Its
 * first page is asked for the moment the operator picks the Inbox (useInboxPrefetch), while the
 * section is still being drawn, instead of after it.
 */
export const INBOX_OPENING_FILTER: Required<InboxFilter> = { scope: 'mine_unassigned', channel: null, status: null, category: null, search: '' };

export function useSyncKey(): string {
  const sync = useSyncStatus();
  return sync.data ? `${sync.data.state}|${sync.data.since}|${sync.data.queued}` : 'none';
}

export interface InboxWindow {
  total: number | null;
  /** The row at a list index, or undefined while its page is on its way. */
  rowAt(index: number): InboxListResult['rows'][number] | undefined;
  error: unknown;
  isPending: boolean;
}

/** The pages covering rows first…last (inclusive), and always the first (it brings the total). */
export function useInboxWindow(filter: Required<InboxFilter>, first: number, last: number): InboxWindow {
  const api = usePult();
  const fresh = useSyncKey();
  const from = Math.floor(Math.max(0, first) / INBOX_PAGE);
  const to = Math.max(from, Math.floor(Math.max(0, last) / INBOX_PAGE));
  const pages = [...new Set([0, ...Array.from({ length: to - from + 1 }, (_, i) => from + i)])];
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: ['inbox', 'list', filter, page, fresh],
      queryFn: () => api.invoke('inbox.list', { ...filter, page, pageSize: INBOX_PAGE, counts: page === 0 }),
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    })),
  });
  const byPage = new Map(pages.map((p, i) => [p, results[i]!.data]));
  const head = results[0]!;
  return {
    total: head.data?.total ?? null,
    rowAt: (index) => byPage.get(Math.floor(index / INBOX_PAGE))?.rows[index % INBOX_PAGE],
    error: results.find((r) => r.error)?.error ?? null,
    isPending: head.isPending,
  };
}

const firstPageKey = (filter: Required<InboxFilter>, fresh: string) => ['inbox', 'list', filter, 0, fresh] as const;

/**
 * Reads the opening list's first page ahead while the app is idle and the Inbox is not shown: after
 * start-up and after each sync that may have changed it. Picking the Inbox then draws it from
 * memory at once (and refreshes it behind, like any cached list) instead of waiting for the read.
 * A read of the replica costs a few milliseconds of its worker; `showing` tells whether the Inbox
 * is on screen (its own queries keep it fresh then).
 */
export function useInboxReadAhead(showing: () => boolean): void {
  const prefetch = useInboxPrefetch();
  useEffect(() => {
    const id = requestIdleCallback(() => {
      if (!showing()) void prefetch(0);
    }, { timeout: 5_000 });
    return () => cancelIdleCallback(id);
  }, [prefetch, showing]);
}

/**
 * Starts reading the opening list's first page (and the scopes' counts), unless it is fresh in the
 * cache; resolves when it is there, or failed, or after `waitMs` at most.
 */
export function useInboxPrefetch(): (waitMs: number) => Promise<void> {
  const api = usePult();
  const qc = useQueryClient();
  const fresh = useSyncKey();
  return useCallback(
    (waitMs: number) => {
      const read = qc.prefetchQuery({
        queryKey: firstPageKey(INBOX_OPENING_FILTER, fresh),
        queryFn: () => api.invoke('inbox.list', { ...INBOX_OPENING_FILTER, page: 0, pageSize: INBOX_PAGE, counts: true }),
        staleTime: 30_000,
      });
      return Promise.race([read, new Promise<void>((r) => setTimeout(r, waitMs))]);
    },
    [api, qc, fresh],
  );
}

/**
 * Rows per scope under the filter's other choices, from the list's first page (the same query as
 * the list's, so no second read of the replica).
 */
export function useInboxScopeCounts(filter: Required<InboxFilter>): InboxListResult['scopeCounts'] {
  const api = usePult();
  const fresh = useSyncKey();
  const head = useQuery({
    queryKey: firstPageKey(filter, fresh),
    queryFn: () => api.invoke('inbox.list', { ...filter, page: 0, pageSize: INBOX_PAGE, counts: true }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return head.data?.scopeCounts;
}

export function useInboxCalls(id: string | null, enabled: boolean) {
  const api = usePult();
  const fresh = useSyncKey();
  return useQuery({
    queryKey: ['inbox', 'calls', id, fresh],
    queryFn: () => api.invoke('inbox.calls', { id: id! }),
    enabled: enabled && id !== null,
  });
}

export function useMarkSeen() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.invoke('inbox.markSeen', { id }),
    // The row loses its mark in the cached pages; re-reading them (a count over the whole list)
    // would compete with the thread being opened.
    onSuccess: (_ok, id) =>
      qc.setQueriesData<InboxListResult>({ queryKey: ['inbox', 'list'] }, (page) =>
        page && page.rows.some((r) => r.id === id && r.unread) ? { ...page, rows: page.rows.map((r) => (r.id === id ? { ...r, unread: false } : r)) } : page,
      ),
  });
}
