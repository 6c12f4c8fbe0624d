// Hands the PultClient to the hooks. One per page, created in main.tsx.
import { createContext, useContext, type ReactNode } from 'react';
import type { PultClient } from './pult-client.ts';

const PultClientContext = createContext<PultClient | null>(null);

export function PultClientProvider({ client, children }: { client: PultClient; children: ReactNode }) {
  return <PultClientContext.Provider value={client}>{children}</PultClientContext.Provider>;
}

export function usePultClient(): PultClient {
  const client = useContext(PultClientContext);
  if (!client) throw new Error('usePultClient outside PultClientProvider');
  return client;
}

export function usePult() {
  return usePultClient().api;
}
