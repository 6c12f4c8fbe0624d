// The status bar's source: signed_out → connecting → online; offline within about one interval of
// the server going away; back online when it returns; signed_out after logout.
import { afterAll, describe, expect, it } from 'vitest';
import { createServerClient } from '../../../electron/services/session/server-client.ts';
import { createSessionService } from '../../../electron/services/session/session-service.ts';
import { memorySecretStore } from '../../../electron/services/session/secret-store.ts';
import { createConnectionMonitor, healthIntervalFromEnv } from '../../../electron/services/connection/connection-monitor.ts';
import { createEventBus } from '../../../electron/ipc/event-bus.ts';
import { silentLog } from '../../../electron/services/log.ts';
import type { ConnectionStatus } from '../../../contract/ipc.ts';
import type { Emit } from '../../../electron/services/events.ts';
import { startFakeServer } from './fixtures.ts';

const server = await startFakeServer();
afterAll(() => server.close());

async function waitFor(pred: () => boolean, ms = 5000): Promise<number> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}

describe('connection monitor', () => {
  it('reads its interval from PULT_HEALTH_INTERVAL_MS, 2 s by default', () => {
    expect(healthIntervalFromEnv({})).toBe(2000);
    expect(healthIntervalFromEnv({ PULT_HEALTH_INTERVAL_MS: '500' })).toBe(500);
    expect(healthIntervalFromEnv({ PULT_HEALTH_INTERVAL_MS: 'soon' })).toBe(2000);
    expect(healthIntervalFromEnv({ PULT_HEALTH_INTERVAL_MS: '1' })).toBe(2000);
  });

  it('follows the session and the server, emitting connection.changed with since', async () => {
    const bus = createEventBus(silentLog);
    const seen: ConnectionStatus[] = [];
    bus.subscribe((e, p) => e === 'connection.changed' && seen.push(p as ConnectionStatus));
    const emit: Emit = (e, p) => void bus.emit(e, p);
    const client = createServerClient({ timeoutMs: 1000 });
    const session = createSessionService({ client, secrets: memorySecretStore(), emit, log: silentLog });
    const monitor = createConnectionMonitor({ session, client, emit, log: silentLog, intervalMs: 200 });
    expect(monitor.status().state).toBe('signed_out');

    await session.login({ serverUrl: server.url, login: 'operator', password: 'pult-demo' });
    await waitFor(() => monitor.status().state === 'online');
    expect(seen.map((s) => s.state)).toEqual(['connecting', 'online']);
    expect(monitor.status()).toMatchObject({ serverUrl: server.url, serverVersion: '1.2.3' });

    await server.stop();
    const tookMs = await waitFor(() => monitor.status().state === 'offline');
    expect(tookMs).toBeLessThan(1500);
    expect(Date.parse(monitor.status().since)).toBeGreaterThan(Date.now() - 2000);

    await server.restart();
    await waitFor(() => monitor.status().state === 'online');

    await session.logout();
    expect(monitor.status()).toMatchObject({ state: 'signed_out', serverUrl: null });
    expect(seen.map((s) => s.state)).toEqual(['connecting', 'online', 'offline', 'online', 'signed_out']);
    monitor.stop();
  });
});
