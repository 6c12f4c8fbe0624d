// The page's entry: one client to the host (window.pult or the browser host's socket), one query
// cache, Mantine, then the app.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createPultClient } from './api/pult-client.ts';
import { PultClientProvider } from './api/api-context.tsx';
import { App } from './app/App.tsx';
import { theme } from './app/theme.ts';

// The CSP forbids eval; zod would otherwise probe `new Function` and log a violation.
z.config({ jitless: true });

const client = createPultClient();
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { refetchOnWindowFocus: false, networkMode: 'always' },
    mutations: { networkMode: 'always' },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* "auto" follows the OS until the user's settings arrive and say otherwise (app/ThemeSync). */}
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="top-right" limit={3} />
      <QueryClientProvider client={queryClient}>
        <PultClientProvider client={client}>
          <App />
        </PultClientProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
