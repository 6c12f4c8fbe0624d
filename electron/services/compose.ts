// Builds the main-process services from the command line, the environment and the host's pieces
// (its SecretStore, how it opens external URLs). Electron's main.ts and the browser host both call
// this, so they run the same code.
import type { AppInfo } from '../../contract/ipc.ts';
import type { EffectiveConfig } from '../../contract/config.ts';
import { loadPreset } from './config/preset-loader.ts';
import { openSettingsStore, type SettingsStore } from './settings/settings-store.ts';
import { createServerClient, type ServerClient } from './session/server-client.ts';
import { createSessionService, type SessionService } from './session/session-service.ts';
import type { KeyVault } from './db/replica-keys.ts';
import type { SecretStore } from './session/secret-store.ts';
import { createConnectionMonitor, healthIntervalFromEnv, type ConnectionMonitor } from './connection/connection-monitor.ts';
import { createImageCache, type ImageCache } from './kb-images/image-cache.ts';
import { createSyncService, type SyncService } from './sync/sync-service.ts';
import { openSipAccountStore, type SipAccountStore } from './phone/sip-account-store.ts';
import type { Emit } from './events.ts';
import type { Log } from './log.ts';

export interface ComposeOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  userDataDir: string;
  secrets: SecretStore;
  /** Where the replicas' encryption keys are kept (replica-keys.ts). */
  replicaKeys: KeyVault;
  emit: Emit;
  log: Log;
  info: AppInfo;
  /** Opens a validated http(s) URL in the OS browser; the browser host cannot, and says so. */
  openUrl: (url: string) => Promise<boolean>;
  fetch?: typeof fetch;
  /** Tests pass a fixed machine-wide preset path. */
  machinePresetPath?: string;
  /** The installer's preset (Electron: process.resourcesPath/preset/config.json). */
  bundledPresetPath?: string;
  /** The replica worker's entry in a bundled build; the sources' worker.ts otherwise. */
  replicaWorkerUrl?: URL;
}

export interface Services {
  info: AppInfo;
  config(): EffectiveConfig;
  settings: SettingsStore;
  client: ServerClient;
  session: SessionService;
  connection: ConnectionMonitor;
  sync: SyncService;
  images: ImageCache;
  sipAccount: SipAccountStore;
  openUrl: (url: string) => Promise<boolean>;
  stop(): Promise<void>;
}

export async function composeServices(opts: ComposeOptions): Promise<Services> {
  const effective = loadPreset({ argv: opts.argv, env: opts.env, machinePath: opts.machinePresetPath, bundledPath: opts.bundledPresetPath });
  for (const p of effective.problems) opts.log.warn(p, 'configuration problem');
  const settings = await openSettingsStore({
    userDataDir: opts.userDataDir,
    preset: effective.preset,
    serverUrlOverride: effective.sources.some((s) => s === '--server-url' || s === 'env PULT_SERVER_URL') ? effective.preset.serverUrl : null,
    log: opts.log,
  });
  const client = createServerClient({ fetch: opts.fetch });
  const session = createSessionService({
    client,
    secrets: opts.secrets,
    emit: opts.emit,
    log: opts.log,
    rememberServer: async (serverUrl) => {
      if (settings.get().serverUrl !== serverUrl) await settings.update({ serverUrl });
    },
  });
  const connection = createConnectionMonitor({ session, client, emit: opts.emit, log: opts.log, intervalMs: healthIntervalFromEnv(opts.env) });
  const images = createImageCache({ session: () => session.current(), ...(opts.fetch ? { fetch: opts.fetch } : {}), log: opts.log });
  if (opts.replicaKeys.protection === 'file-permissions') {
    opts.log.warn({}, 'no OS keychain: the replica key is protected only by file permissions, not by the operating system');
  }
  const sync = createSyncService({
    session,
    keys: opts.replicaKeys,
    onSynced: (replica) => void images.prefetch(replica).catch((e: unknown) => opts.log.warn({ err: e }, 'picture prefetch failed')),
    userDataDir: opts.userDataDir,
    emit: opts.emit,
    log: opts.log,
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ...(opts.replicaWorkerUrl ? { workerUrl: opts.replicaWorkerUrl } : {}),
  });
  const sipAccount = await openSipAccountStore({ userDataDir: opts.userDataDir, preset: effective.preset, secrets: opts.secrets, log: opts.log });
  // Resume a stored session (Electron's safeStorage) in the background; calls wait for it.
  void session.get().catch((e: unknown) => opts.log.warn({ err: e }, 'session restore failed'));

  return {
    info: opts.info,
    config: () => ({ ...effective, problems: [...effective.problems, ...settings.problems()] }),
    settings,
    client,
    session,
    connection,
    sync,
    images,
    sipAccount,
    openUrl: opts.openUrl,
    stop: async () => {
      connection.stop();
      await sync.stop();
    },
  };
}
