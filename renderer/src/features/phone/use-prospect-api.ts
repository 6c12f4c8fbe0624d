// React-query hooks over the connection-request methods: the replica's tariff catalogue for the form,
// the agent's own recent requests (with what still waits in the outbox) and saving one. Both reads
// come from the replica, so the sync state is part of their keys: a pull or a push changes them.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectionRequestInput } from '../../../../contract/domain/connection-request.ts';
import { usePult } from '../../api/api-context.tsx';
import { useSyncStatus } from '../../api/hooks.ts';

export const prospectKeys = {
  tariffs: ['prospects', 'tariffs'] as const,
  list: ['prospects', 'list'] as const,
};

function useReplicaVersion(): string {
  const sync = useSyncStatus();
  return sync.data ? `${sync.data.state}|${sync.data.since}|${sync.data.queued}` : 'none';
}

export function useTariffCatalogue() {
  const api = usePult();
  const version = useReplicaVersion();
  return useQuery({
    queryKey: [...prospectKeys.tariffs, version],
    queryFn: () => api.invoke('connectionRequests.tariffs', {}),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useMyConnectionRequests() {
  const api = usePult();
  const version = useReplicaVersion();
  return useQuery({ queryKey: [...prospectKeys.list, version], queryFn: () => api.invoke('connectionRequests.list', { limit: 50 }), placeholderData: keepPreviousData });
}

export function useCreateConnectionRequest() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectionRequestInput) => api.invoke('connectionRequests.create', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: prospectKeys.list }),
  });
}
