// Troubleshooting scripts from the replica (they work offline, like the articles).
import { useQuery } from '@tanstack/react-query';
import { usePult } from '../../api/api-context.tsx';

export function useScripts() {
  const api = usePult();
  return useQuery({ queryKey: ['scripts', 'list'], queryFn: () => api.invoke('scripts.list', {}), staleTime: 60_000 });
}

export function useScript(id: string | null) {
  const api = usePult();
  return useQuery({ queryKey: ['scripts', id], queryFn: () => api.invoke('scripts.get', { id: id! }), enabled: id !== null, staleTime: 60_000 });
}
