// Reconnecting with exponential backoff and full jitter: the delays grow, are random within their
// bound, never exceed the cap, and start over after a healthy connection. Refusals that retrying
// cannot fix stop the reconnecting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay, createBackoff, DEFAULT_BACKOFF } from '../../../electron/services/sync/backoff.ts';
import type { Clock } from '../../../electron/services/sync/clock.ts';
import { createLiveConnection, liveUrl, type LiveConnection } from '../../../electron/services/sync/live.ts';
import type { SyncError } from '../../../electron/services/sync/sync-error.ts';
import type { Poke } from '../../../contract/sync.ts';
import { startFakeSyncServer, SYNC_TOKEN, type FakeSyncServer } from './fake-sync-server.ts';
import { waitFor } from './helpers.ts';

describe('backoff delay', () => {
  it('doubles from 1 s up to the 60 s cap (at the top of the jitter range)', () => {
    const delays = Array.from({ length: 9 }, (_, n) => backoffDelay(n, DEFAULT_BACKOFF, () => 1));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(backoffDelay(10_000, DEFAULT_BACKOFF, () => 1)).toBe(60000);
  });

  it('is full jitter: uniform between a small floor and the bound', () => {
    expect(backoffDelay(5, DEFAULT_BACKOFF, () => 0)).toBe(100);
    expect(backoffDelay(5, DEFAULT_BACKOFF, () => 0.5)).toBe(16000);
    const b = createBackoff(DEFAULT_BACKOFF);
    const delays = Array.from({ length: 40 }, () => b.next());
    delays.forEach((d, n) => {
      expect(d).toBeGreaterThanOrEqual(100);
      expect(d).toBeLessThanOrEqual(Math.min(60000, 1000 * 2 ** n));
    });
    expect(new Set(delays.slice(10)).size).toBeGreaterThan(25); // at the cap, still spread out
  });

  it('counts attempts and starts over after reset', () => {
    const b = createBackoff(DEFAULT_BACKOFF, () => 1);
    expect([b.next(), b.next(), b.next()]).toEqual([1000, 2000, 4000]);
    expect(b.attempts()).toBe(3);
    b.reset();
    expect(b.next()).toBe(1000);
  });
});

/** A clock whose timers fire almost at once, recording the delays asked for. */
function fastClock(): Clock & { delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    now: () => Date.now(),
    setTimeout(fn, ms) {
      delays.push(ms);
      return setTimeout(fn, 2);
    },
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  };
}

describe('live connection', () => {
  let server: FakeSyncServer;
  let live: LiveConnection | null = null;
  beforeAll(async () => {
    server = await startFakeSyncServer();
  });
  afterAll(async () => {
    live?.stop();
    await server.close();
  });

  const connect = (clock: Clock, extra: Partial<Parameters<typeof createLiveConnection>[0]> = {}) => {
    live?.stop();
    live = createLiveConnection({ serverUrl: server.url, token: SYNC_TOKEN, clock, onPoke: () => {}, ...extra });
    live.start();
    return live;
  };

  it('uses ws:// on the sync API path', () => {
    expect(liveUrl('https://pult.example.ru/pult/')).toBe('wss://pult.example.ru/pult/api/sync/live');
  });

  it('reconnects with growing, jittered, bounded delays while the server refuses', async () => {
    server.liveMode = 503;
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const clock = fastClock();
    const start = server.liveUpgrades;
    connect(clock, { random });
    await waitFor(() => clock.delays.length >= 10, 5000, '10 reconnects');
    live!.stop();
    const delays = clock.delays.slice(0, 10);
    delays.forEach((d, n) => expect(d).toBeLessThanOrEqual(Math.min(60000, 1000 * 2 ** n)));
    expect(Math.max(...delays.slice(6))).toBeGreaterThan(2000); // it grew…
    expect(new Set(delays).size).toBe(10); // …and no two alike
    expect(server.liveUpgrades - start).toBeGreaterThanOrEqual(10);

    const exact = fastClock();
    connect(exact, { random: () => 1 });
    await waitFor(() => exact.delays.length >= 8, 5000, '8 reconnects');
    live!.stop();
    expect(exact.delays.slice(0, 8)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  });

  it('delivers valid pokes, ignores anything else, and starts over after a healthy connection', async () => {
    server.liveMode = 'accept';
    const clock = fastClock();
    const pokes: Poke[] = [];
    let opens = 0;
    connect(clock, { random: () => 1, stableMs: 0, onPoke: (p) => pokes.push(p), onOpen: () => opens++ });
    await waitFor(() => server.liveClients.size === 1, 5000, 'a live client');
    for (const c of server.liveClients) {
      c.send('not json');
      c.send(JSON.stringify({ type: 'poke', version: '-1' }));
      c.send(JSON.stringify({ type: 'shutdown' }));
      c.send(JSON.stringify({ type: 'poke', version: '42' }));
    }
    await waitFor(() => pokes.length === 1, 5000, 'a poke');
    expect(pokes).toEqual([{ type: 'poke', version: '42' }]);
    for (const c of server.liveClients) c.terminate();
    await waitFor(() => opens === 2, 5000, 'a reconnect');
    expect(clock.delays).toEqual([1000]); // first attempt after a healthy connection
    // A frame far larger than a poke closes the connection (maxPayload) instead of being buffered.
    for (const c of server.liveClients) c.send(JSON.stringify({ type: 'poke', version: '43', pad: 'x'.repeat(100_000) }));
    await waitFor(() => opens === 3, 5000, 'a reconnect after an oversized frame');
    expect(pokes).toHaveLength(1);
  });

  it('stops for good on 426 (protocol) and 401 (token), saying why', async () => {
    for (const [setup, code] of [
      [() => (server.refuseProtocol = true), 'incompatible_server'],
      [() => (server.refuseProtocol = false), 'not_authenticated'],
    ] as const) {
      setup();
      const clock = fastClock();
      const fatal: SyncError[] = [];
      const start = server.liveUpgrades;
      connect(clock, { token: code === 'not_authenticated' ? 'wrong-token' : SYNC_TOKEN, onFatal: (e) => fatal.push(e) });
      await waitFor(() => fatal.length === 1, 5000, 'a fatal refusal');
      await new Promise((r) => setTimeout(r, 100));
      expect(fatal[0]).toMatchObject({ code, retry: 'never' });
      expect(server.liveUpgrades - start).toBe(1);
      expect(clock.delays).toEqual([]);
    }
    server.refuseProtocol = false;
  });
});
