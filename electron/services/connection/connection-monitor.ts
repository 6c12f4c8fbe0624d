// Tells the status bar whether the central server answers. While signed in it asks /api/health
// every `intervalMs` (PULT_HEALTH_INTERVAL_MS, 2 s by default) and emits `connection.changed` when
// the state changes, so "offline" shows within one interval plus the request timeout of the server
// going away. Signed out, it does nothing and says `signed_out`.
import type { ConnectionStatus } from '../../../contract/ipc.ts';
import type { Emit } from '../events.ts';
import type { Log } from '../log.ts';
import { ServiceError } from '../errors.ts';
import { checkProtocol, type ServerClient } from '../session/server-client.ts';
import type { SessionService, SignedIn } from '../session/session-service.ts';

export const DEFAULT_HEALTH_INTERVAL_MS = 2000;

export function healthIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.PULT_HEALTH_INTERVAL_MS);
  return Number.isFinite(n) && n >= 100 && n <= 600_000 ? Math.round(n) : DEFAULT_HEALTH_INTERVAL_MS;
}

export interface ConnectionMonitorOptions {
  session: Pick<SessionService, 'current' | 'onChange' | 'expire'>;
  client: Pick<ServerClient, 'health'>;
  emit: Emit;
  log: Log;
  intervalMs?: number;
  now?: () => number;
}

export interface ConnectionMonitor {
  status(): ConnectionStatus;
  /** Checks right now (e.g. after the OS reports the network is back). */
  checkNow(): Promise<ConnectionStatus>;
  stop(): void;
}

export function createConnectionMonitor(opts: ConnectionMonitorOptions): ConnectionMonitor {
  const intervalMs = opts.intervalMs ?? DEFAULT_HEALTH_INTERVAL_MS;
  const timeoutMs = Math.max(500, Math.min(intervalMs, 3000));
  const now = opts.now ?? Date.now;
  const iso = () => new Date(now()).toISOString();
  let status: ConnectionStatus = { state: 'signed_out', since: iso(), serverUrl: null, serverVersion: null };
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let run = 0; // a check started for an older session must not overwrite the new one's state

  const change = (next: Omit<ConnectionStatus, 'since'>) => {
    if (next.state === status.state && next.serverUrl === status.serverUrl && next.serverVersion === status.serverVersion) return;
    const since = next.state === status.state ? status.since : iso();
    status = { ...next, since };
    opts.log.info({ state: status.state, serverUrl: status.serverUrl }, 'connection changed');
    opts.emit('connection.changed', status);
  };

  async function check(): Promise<ConnectionStatus> {
    const signedIn = opts.session.current();
    if (!signedIn) return status;
    const myRun = run;
    const serverUrl = signedIn.serverUrl;
    if (Date.parse(signedIn.info.expiresAt) <= now()) {
      await opts.session.expire();
      return status;
    }
    try {
      const health = await opts.client.health(serverUrl, timeoutMs);
      checkProtocol(health);
      if (myRun === run) change({ state: 'online', serverUrl, serverVersion: health.version });
    } catch (e) {
      if (myRun === run) {
        const code = e instanceof ServiceError ? e.code : 'internal';
        if (status.state !== 'offline') opts.log.warn({ code, message: (e as Error).message }, 'server health check failed');
        change({ state: 'offline', serverUrl, serverVersion: status.serverVersion });
      }
    }
    return status;
  }

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped || !opts.session.current()) return;
    timer = setTimeout(() => void check().finally(schedule), intervalMs);
    timer.unref?.();
  };

  const onSession = (s: SignedIn | null) => {
    run++;
    if (timer) clearTimeout(timer);
    timer = null;
    if (!s) {
      change({ state: 'signed_out', serverUrl: null, serverVersion: null });
      return;
    }
    change({ state: 'connecting', serverUrl: s.serverUrl, serverVersion: s.info.serverVersion });
    void check().finally(schedule);
  };

  const unsubscribe = opts.session.onChange(onSession);
  const initial = opts.session.current();
  if (initial) onSession(initial);

  return {
    status: () => status,
    checkNow: check,
    stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
