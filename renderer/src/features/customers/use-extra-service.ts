// Switching an extra service during the call: queued (works offline), the card re-read at once so
// the switch shows the change; a refusal comes back later as a sync notification and is undone.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { usePult } from '../../api/api-context.tsx';

export function useSetExtraService() {
  const api = usePult();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { customerId: string; serviceId: string; enabled: boolean }) => api.invoke('customers.setExtraService', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['customers', 'card'] }),
  });
}
