// The server as a process: `node server/src/main.ts --port 0` prints where it listens, serves, and
// stops cleanly on SIGTERM; the embedded database survives a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API, HealthResponse, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../contract/index.ts';
import { startService } from '../../../scripts/lib/service-process.ts';
import { createEmptyTestDatabase, testDbKind, type TestDatabase } from './test-db.ts';

const root = mkdtempSync(join(tmpdir(), 'pult-server-main-'));
let database: TestDatabase | null = null;
afterAll(async () => {
  await database?.close();
  rmSync(root, { recursive: true, force: true });
});

async function start() {
  const env: NodeJS.ProcessEnv = { PULT_LOG_LEVEL: 'warn', DATABASE_URL: '' };
  if (testDbKind() === 'postgres') {
    database ??= await createEmptyTestDatabase();
    env.DATABASE_URL = database.url!;
  }
  return startService({ name: 'server', args: ['server/src/main.ts', '--port', '0', '--data-dir', join(root, 'data'), '--no-seed'], env, timeoutMs: 60_000 });
}

describe('server process', () => {
  it('starts on a free port, answers, stops on SIGTERM, and starts again on the same data', async () => {
    for (let run = 0; run < 2; run++) {
      const server = await start();
      try {
        expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
        const health = HealthResponse.parse(await (await fetch(new URL(API.health, server.url))).json());
        expect(health.database).toBe(testDbKind());
        const login = await fetch(new URL(API.login, server.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
          body: JSON.stringify({ login: 'nobody', password: 'x' }),
        });
        expect(login.status).toBe(401); // migrated, not seeded
      } finally {
        await server.stop();
      }
      expect(server.child.exitCode).toBe(0);
    }
  });

  it('refuses a bad argument with a message naming it', async () => {
    await expect(startService({ name: 'server', args: ['server/src/main.ts', '--port', 'eighty'], timeoutMs: 30_000 })).rejects.toThrow(/--port/);
  });
});
