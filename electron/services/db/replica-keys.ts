// The replica's encryption key (replica-cipher.ts): 32 random bytes per replica file, made on first
// use and kept in a KeyVault. In Electron the vault is the OS keychain (safeStorage: DPAPI,
// Keychain, libsecret/kwallet), so the file copied off the PC is unreadable without the operator's
// OS account. Where the OS offers no keychain (Linux without a keyring) and in the browser host,
// the key is a file beside the replica readable only by the user (0600): that still keeps the
// replica out of backups and other users' reach, but not out of the user's own — the log says so
// at start. A key that is lost makes the replica unreadable: the sync service recreates it
// (sync-service.ts) — it is a copy of the server's data plus the outbox.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SecretStore } from '../session/secret-store.ts';
import { REPLICA_KEY_BYTES } from './replica-cipher.ts';

export interface KeyVault extends SecretStore {
  /** What protects the keys: the OS keychain, or only the key file's permissions. */
  readonly protection: 'os-keychain' | 'file-permissions';
}

/** A SecretStore backed by the OS keychain (electron/shell/safe-storage-secrets.ts). */
export const osKeyVault = (secrets: SecretStore): KeyVault => ({ protection: 'os-keychain', get: secrets.get, set: secrets.set, delete: secrets.delete });

/** Keys as files `<dir>/<name>.key`, readable by the user alone. */
export function fileKeyVault(dir: string): KeyVault {
  const pathOf = (name: string) => join(dir, `${name.replace(/[^0-9A-Za-z._-]/g, '_')}.key`);
  return {
    protection: 'file-permissions',
    async get(name) {
      try {
        return (await readFile(pathOf(name), 'utf8')).trim();
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    async set(name, value) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700);
      const path = pathOf(name);
      const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, `${value}\n`, { mode: 0o600, flush: true });
        await rename(tmp, path);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
    },
    delete: (name) => rm(pathOf(name), { force: true }),
  };
}

const HEX_KEY = new RegExp(`^[0-9a-f]{${REPLICA_KEY_BYTES * 2}}$`);

/** The vault's entry for a replica file: one per server and agent, like the file. */
export const replicaKeyName = (replicaPath: string): string => `replica-key.${basename(replicaPath, '.sqlite')}`;

/**
 * The key of the replica at `replicaPath`, made and stored if the vault has none (or an unusable
 * one). Stored before any file is encrypted with it, so a crash in between cannot leave a file
 * whose key was never kept.
 */
export async function replicaKeyFor(vault: KeyVault, replicaPath: string): Promise<Buffer> {
  const name = replicaKeyName(replicaPath);
  const stored = await vault.get(name);
  if (stored !== null && HEX_KEY.test(stored)) return Buffer.from(stored, 'hex');
  const key = randomBytes(REPLICA_KEY_BYTES);
  await vault.set(name, key.toString('hex'));
  return key;
}
