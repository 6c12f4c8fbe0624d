// Unit tests run in plain Node; the server's integration suite runs twice, on PGlite and on a real
// PostgreSQL started by tests/integration/setup/postgres.global.ts on a free loopback port.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Generous for a loaded 2-core CI machine; each test's own waits are bounded and shorter.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration:pglite',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env: { PULT_TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration:postgres',
          include: ['tests/integration/server/**/*.test.ts'],
          environment: 'node',
          env: { PULT_TEST_DB: 'postgres' },
          globalSetup: ['tests/integration/setup/postgres.global.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
