// React-query hooks over the Phone methods: the SIP account, the call history (with the missed-call
// count for the navigation badge), wrap-up codes and callback tasks. The history and tasks come
// from the replica, so the sync state is part of their keys: a pull changes what they hold.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import type { CallHistoryFilter, PhoneAccount, PhoneSaveAccountInput } from '../../../../contract/phone-ipc.ts';
import { usePult } from '../../api/api-context.tsx';
import { useSyncStatus } from '../../api/hooks.ts';

export const phoneKeys = {
  account: ['phone', 'account'] as const,
  password: ['phone', 'password'] as const,
  history: ['phone', 'history'] as const,
  tasks: ['phone', 'tasks'] as const,
  codes: ['phone', 'wrapUpCodes'] as const,
};

function useReplicaVersion(): string {
  const sync = useSyncStatus();
  return sync.data ? `${sync.data.state}|${sync.data.since}|${sync.data.queued}` : 'none';
}

export function usePhoneAccount() {
  const api = usePult();
  return useQuery({ queryKey: phoneKeys.account, queryFn: () => api.invoke('phone.getAccount', {}), staleTime: Infinity, retry: 1 });
}

/** The stored password, only when there is one; never cached beyond the softphone's start. */
export function usePhonePassword(hasPassword: boolean) {
  const api = usePult();
  return useQuery({
    queryKey: phoneKeys.password,
    queryFn: () => api.invoke('phone.password', {}),
    enabled: hasPassword,
    staleTime: Infinity,
    gcTime: 0,
    retry: 1,
  });
}

export function useSavePhoneAccount() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PhoneSaveAccountInput) => api.invoke('phone.saveAccount', input),
    onSuccess: (account: PhoneAccount) => {
      qc.setQueryData(phoneKeys.account, account);
      void qc.invalidateQueries({ queryKey: phoneKeys.password });
    },
  });
}

export function useCallHistory(filter: CallHistoryFilter, query: string) {
  const api = usePult();
  const version = useReplicaVersion();
  const [debounced] = useDebouncedValue(query.trim(), 200);
  return useQuery({
    queryKey: [...phoneKeys.history, filter, debounced, version],
    queryFn: () => api.invoke('calls.history', { filter, ...(debounced ? { query: debounced } : {}), limit: 200 }),
    placeholderData: keepPreviousData,
  });
}

/** Missed calls the operator has not seen yet, for the badge on the Phone navigation item. */
export function useMissedUnseen(): number {
  return useMissedUnseenQuery().data?.missedUnseen ?? 0;
}

export function useMissedUnseenQuery() {
  const api = usePult();
  const version = useReplicaVersion();
  return useQuery({
    queryKey: [...phoneKeys.history, 'badge', version],
    queryFn: () => api.invoke('calls.history', { filter: 'missed', limit: 1 }),
    placeholderData: keepPreviousData,
  });
}

export function useMarkCallsSeen() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.invoke('calls.markSeen', {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: phoneKeys.history }),
  });
}

export function useWrapUpCodes() {
  const api = usePult();
  const version = useReplicaVersion();
  return useQuery({ queryKey: [...phoneKeys.codes, version], queryFn: () => api.invoke('wrapUp.codes', {}), placeholderData: keepPreviousData, staleTime: 60_000 });
}

export function useTasks() {
  const api = usePult();
  const version = useReplicaVersion();
  return useQuery({ queryKey: [...phoneKeys.tasks, version], queryFn: () => api.invoke('tasks.list', {}), placeholderData: keepPreviousData });
}

export function useCompleteTask() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) => api.invoke('tasks.complete', { taskId }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: phoneKeys.tasks }),
  });
}
