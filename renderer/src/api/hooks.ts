// React-query hooks over window.pult / the host socket. Reads are cached; live events (connection,
// session end) write straight into the cache so every view updates at once.
import { useEffect, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectionStatus, MethodInput, SessionInfo } from '../../../contract/ipc.ts';
import type { SyncRejected, SyncStatus } from '../../../contract/sync-status.ts';
import type { Settings } from '../../../contract/config.ts';
import { usePult, usePultClient } from './api-context.tsx';
import { queryKeys } from './query-keys.ts';
import type { TransportState } from './host-socket-client.ts';

const LOCAL = { staleTime: Infinity, retry: 1 } as const;

export function useAppInfo() {
  const api = usePult();
  return useQuery({ queryKey: queryKeys.appInfo, queryFn: () => api.invoke('app.getInfo', {}), ...LOCAL });
}

export function useConfig() {
  const api = usePult();
  return useQuery({ queryKey: queryKeys.config, queryFn: () => api.invoke('config.get', {}), ...LOCAL });
}

export function useSettings() {
  const api = usePult();
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => api.invoke('settings.get', {}), ...LOCAL });
}

export function useSession() {
  const api = usePult();
  return useQuery({ queryKey: queryKeys.session, queryFn: () => api.invoke('session.get', {}), ...LOCAL });
}

export function useConnectionStatus() {
  const api = usePult();
  return useQuery({ queryKey: queryKeys.connection, queryFn: () => api.invoke('connection.getStatus', {}), ...LOCAL });
}

export function useSyncStatus() {
  const api = usePult();
  return useQuery({ queryKey: queryKeys.sync, queryFn: () => api.invoke('sync.getStatus', {}), ...LOCAL });
}

export function useSyncNow() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.invoke('sync.now', {}),
    onSuccess: (status) => qc.setQueryData<SyncStatus | null>(queryKeys.sync, status),
  });
}

export function useUpdateSettings() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: MethodInput<'settings.update'>) => api.invoke('settings.update', patch),
    // Optimistic: the language or theme changes on the click, not after the round trip.
    onMutate: async (patch) => {
      await qc.cancelQueries({ queryKey: queryKeys.settings });
      const before = qc.getQueryData<Settings>(queryKeys.settings);
      if (before) qc.setQueryData<Settings>(queryKeys.settings, { ...before, ...patch } as Settings);
      return { before };
    },
    onError: (_e, _patch, ctx) => {
      if (ctx?.before) qc.setQueryData(queryKeys.settings, ctx.before);
    },
    onSuccess: (settings) => qc.setQueryData(queryKeys.settings, settings),
  });
}

export function useLogin() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'session.login'>) => api.invoke('session.login', input),
    onSuccess: (session) => {
      qc.setQueryData<SessionInfo | null>(queryKeys.session, session);
      void qc.invalidateQueries({ queryKey: queryKeys.connection });
      void qc.invalidateQueries({ queryKey: queryKeys.settings });
    },
  });
}

export function useLogout() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.invoke('session.logout', {}),
    onSuccess: () => {
      qc.setQueryData<SessionInfo | null>(queryKeys.session, null);
      void qc.invalidateQueries({ queryKey: queryKeys.connection });
    },
  });
}

/**
 * Subscribes the cache to the live events, once, near the root: `connection.changed` replaces the
 * status, `session.ended` signs the page out (`onSessionEnded` says why). After the page's own link
 * to the host comes back, everything is re-read, since events may have been missed meanwhile.
 */
export function useLiveEvents(onSessionEnded?: (reason: 'logout' | 'expired') => void, onSyncRejected?: (r: SyncRejected) => void) {
  const client = usePultClient();
  const qc = useQueryClient();
  useEffect(() => {
    const offs = [
      client.api.on('connection.changed', (status) => qc.setQueryData<ConnectionStatus>(queryKeys.connection, status)),
      client.api.on('sync.changed', (status) => qc.setQueryData<SyncStatus | null>(queryKeys.sync, status)),
      client.api.on('sync.rejected', (r) => onSyncRejected?.(r)),
      client.api.on('session.ended', ({ reason }) => {
        qc.setQueryData<SessionInfo | null>(queryKeys.session, null);
        void qc.invalidateQueries({ queryKey: queryKeys.connection });
        onSessionEnded?.(reason);
      }),
      client.onTransport((state, reconnected) => {
        if (state === 'open' && reconnected) void qc.invalidateQueries();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [client, qc, onSessionEnded, onSyncRejected]);
}

/** The page's own link to its host (the browser host's socket); Electron's is always open. */
export function useTransportState(): TransportState {
  const client = usePultClient();
  return useSyncExternalStore(
    (cb) => client.onTransport(() => cb()),
    () => client.transportState(),
  );
}
