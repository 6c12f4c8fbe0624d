// SecretStore on Electron's safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on
// Linux): values are encrypted with the OS key and kept in <userData>/secrets.json. Where the OS has
// no usable backend (Linux without a keyring falls back to a hard-coded key — "basic_text"), nothing
// is written to disk and the token lives in memory only: the operator signs in again after a restart.
import { safeStorage } from 'electron';
import { join } from 'node:path';
import { readJson, writeJsonAtomic, createWriteQueue } from '../services/settings/atomic-json.ts';
import { fileKeyVault, osKeyVault, type KeyVault } from '../services/db/replica-keys.ts';
import { memorySecretStore, type SecretStore } from '../services/session/secret-store.ts';
import type { Log } from '../services/log.ts';

/** The OS has a real keychain behind safeStorage (not Linux's hard-coded "basic_text" key). */
export const safeStorageUsable = (): boolean =>
  safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');

/** The replicas' keys: in the OS keychain, or (no keychain) in user-only files — see replica-keys.ts. */
export function replicaKeyVault(userDataDir: string, secrets: SecretStore): KeyVault {
  return safeStorageUsable() ? osKeyVault(secrets) : fileKeyVault(join(userDataDir, 'keys'));
}

export function safeStorageSecretStore(userDataDir: string, log: Log): SecretStore {
  const usable = safeStorageUsable();
  if (!usable) {
    log.warn({}, 'no OS secret storage; the session token is kept in memory only');
    return memorySecretStore();
  }
  const path = join(userDataDir, 'secrets.json');
  const enqueue = createWriteQueue();
  const load = async (): Promise<Record<string, string>> => {
    const r = await readJson(path);
    return r.kind === 'ok' && r.value && typeof r.value === 'object' ? (r.value as Record<string, string>) : {};
  };
  return {
    async get(key) {
      const blob = (await load())[key];
      if (typeof blob !== 'string') return null;
      try {
        return safeStorage.decryptString(Buffer.from(blob, 'base64'));
      } catch (e) {
        log.warn({ err: e }, 'stored secret cannot be decrypted; ignored');
        return null;
      }
    },
    set: (key, value) =>
      enqueue(async () => {
        const all = await load();
        all[key] = safeStorage.encryptString(value).toString('base64');
        await writeJsonAtomic(path, all);
      }),
    delete: (key) =>
      enqueue(async () => {
        const all = await load();
        if (!(key in all)) return;
        delete all[key];
        await writeJsonAtomic(path, all);
      }),
  };
}
