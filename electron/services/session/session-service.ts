// Signing in and out of the central server. Login first asks /api/health whether the server speaks
// our protocol, then posts the credentials; the token goes to the SecretStore together with what
// the app shows offline (agent, server version), so a restart with safeStorage resumes the session —
// verified with /api/auth/me when the server answers, kept as-is when it does not (offline is normal).
import { z } from 'zod';
import { SessionInfo } from '../../../contract/ipc.ts';
import type { MethodInput } from '../../../contract/ipc.ts';
import type { Log } from '../log.ts';
import type { Emit } from '../events.ts';
import { ServiceError } from '../errors.ts';
import type { SecretStore } from './secret-store.ts';
import { checkProtocol, type ServerClient } from './server-client.ts';

const SECRET_KEY = 'session';
const Stored = z.object({ token: z.string().min(1), info: SessionInfo });
type Stored = z.infer<typeof Stored>;

export interface SignedIn {
  serverUrl: string;
  token: string;
  info: SessionInfo;
}

export interface SessionServiceOptions {
  client: ServerClient;
  secrets: SecretStore;
  emit: Emit;
  log: Log;
  /** Remembers the server the user signed in to (settings.serverUrl). */
  rememberServer?: (serverUrl: string) => Promise<void>;
  now?: () => number;
}

export interface SessionService {
  login(input: MethodInput<'session.login'>): Promise<SessionInfo>;
  get(): Promise<SessionInfo | null>;
  logout(): Promise<{ ok: true }>;
  /** The signed-in session, if any, without touching the network. */
  current(): SignedIn | null;
  /** Ends a session whose token the server no longer accepts or whose time is up. */
  expire(): Promise<void>;
  onChange(listener: (s: SignedIn | null) => void): () => void;
}

export function createSessionService(opts: SessionServiceOptions): SessionService {
  const now = opts.now ?? Date.now;
  let state: SignedIn | null = null;
  let restored: Promise<void> | null = null;
  let generation = 0; // a login or logout while restoring wins over the restore
  const listeners = new Set<(s: SignedIn | null) => void>();

  const set = (next: SignedIn | null) => {
    state = next;
    generation++;
    for (const l of listeners) {
      try {
        l(next);
      } catch (e) {
        opts.log.error({ err: e }, 'session listener failed');
      }
    }
  };

  const isExpired = (info: SessionInfo) => Date.parse(info.expiresAt) <= now();

  async function forget(): Promise<void> {
    await opts.secrets.delete(SECRET_KEY).catch((e: unknown) => opts.log.warn({ err: e }, 'cannot delete the stored token'));
  }

  async function restore(): Promise<void> {
    const started = generation;
    let stored: Stored | null = null;
    try {
      const raw = await opts.secrets.get(SECRET_KEY);
      const parsed = raw ? Stored.safeParse(JSON.parse(raw)) : null;
      stored = parsed?.success ? parsed.data : null;
      if (raw && !stored) await forget();
    } catch (e) {
      opts.log.warn({ err: e }, 'stored session unreadable; signed out');
      await forget();
    }
    if (!stored || started !== generation) return;
    if (isExpired(stored.info)) {
      await forget();
      return;
    }
    let info = stored.info;
    try {
      const me = await opts.client.me(info.serverUrl, stored.token);
      info = { ...info, agent: me.agent, expiresAt: me.expiresAt };
    } catch (e) {
      if (e instanceof ServiceError && (e.code === 'not_authenticated' || e.code === 'forbidden')) {
        await forget();
        return;
      }
      opts.log.info({ code: (e as ServiceError).code }, 'server not reachable; resuming the stored session offline');
    }
    if (started !== generation) return;
    set({ serverUrl: info.serverUrl, token: stored.token, info });
  }

  const ensureRestored = () => (restored ??= restore());

  async function expire(): Promise<void> {
    if (!state) return;
    set(null);
    await forget();
    opts.emit('session.ended', { reason: 'expired' });
  }

  return {
    current: () => state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async login(input) {
      await ensureRestored();
      const health = await opts.client.health(input.serverUrl);
      checkProtocol(health);
      const res = await opts.client.login(input.serverUrl, { login: input.login, password: input.password });
      const info: SessionInfo = { serverUrl: input.serverUrl, serverVersion: health.version, agent: res.agent, expiresAt: res.expiresAt };
      if (state && state.token !== res.token) {
        const old = state;
        void opts.client.logout(old.serverUrl, old.token).catch(() => {});
      }
      await opts.secrets.set(SECRET_KEY, JSON.stringify({ token: res.token, info } satisfies Stored));
      set({ serverUrl: input.serverUrl, token: res.token, info });
      await opts.rememberServer?.(input.serverUrl).catch((e: unknown) => opts.log.warn({ err: e }, 'cannot remember the server URL'));
      opts.log.info({ serverUrl: input.serverUrl, login: res.agent.login }, 'signed in');
      return info;
    },

    async get() {
      await ensureRestored();
      if (state && isExpired(state.info)) await expire();
      return state?.info ?? null;
    },

    async logout() {
      await ensureRestored();
      const old = state;
      if (!old) return { ok: true };
      set(null);
      await forget();
      try {
        await opts.client.logout(old.serverUrl, old.token);
      } catch (e) {
        // The token is gone here; the server lets it expire.
        opts.log.info({ code: (e as ServiceError).code }, 'server logout failed; token forgotten locally');
      }
      opts.emit('session.ended', { reason: 'logout' });
      return { ok: true };
    },

    expire,
  };
}
