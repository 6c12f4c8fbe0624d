// globalSetup of the `integration:postgres` project: one throwaway PostgreSQL cluster for the run.
// Each test file creates its own database in it (tests/integration/server/test-db.ts), so files
// can run in parallel without seeing each other's rows.
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../../../scripts/pg.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance-database URL of the run's PostgreSQL cluster. */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgres();
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
