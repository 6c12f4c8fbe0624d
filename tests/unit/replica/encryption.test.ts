// The replica is encrypted at rest: nothing of a customer's data is readable in the file or its WAL,
// the right key opens it, any other key is refused with `key_mismatch` (not a crash, not garbage), a
// plain replica of an earlier version is encrypted in place with its rows and outbox, and the sync
// service remakes a replica this computer can no longer decrypt and says so.
import { readFileSync, statSync, existsSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../contract/sync-status.ts';
import { isPlainSqliteFile } from '../../../electron/services/db/replica-cipher.ts';
import { openReplica, type ReplicaDb } from '../../../electron/services/db/replica-client.ts';
import { fileKeyVault, replicaKeyFor, replicaKeyName } from '../../../electron/services/db/replica-keys.ts';
import { replicaPathFor } from '../../../electron/services/db/replica-path.ts';
import type { SessionService, SignedIn } from '../../../electron/services/session/session-service.ts';
import { createSyncService } from '../../../electron/services/sync/sync-service.ts';
import { customer } from './data.ts';
import { pageBody } from './fake-sync-server.ts';
import { tempDir, waitFor } from './helpers.ts';

const nextPath = tempDir();
const opened: ReplicaDb[] = [];
afterAll(async () => {
  for (const db of opened) if (db.isOpen()) await db.close();
});

async function open(path: string, key?: Uint8Array): Promise<ReplicaDb> {
  const db = await openReplica({ path, ...(key ? { key } : {}) });
  opened.push(db);
  return db;
}

// A customer whose name and phone must not be readable anywhere on disk.
const person = { ...customer(1), fullName: 'Шифрованный Секрет Паролевич', phones: ['+79161234567'] };
const page = (n: number) => pageBody([{ op: 'upsert', entity: 'customer', id: person.id, version: String(n), data: person }], String(n));

/** Every byte the replica has on disk: the database, its WAL and its shared-memory index. */
const onDisk = (path: string) => Buffer.concat(['', '-wal', '-shm'].filter((s) => existsSync(path + s)).map((s) => readFileSync(path + s)));
const readable = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'));

describe('replica encryption', () => {
  it('keeps nothing readable on disk, and opens again with its key', async () => {
    const path = nextPath();
    const key = randomBytes(32);
    const db = await open(path, key);
    await db.applyPullPage({ after: '0', body: page(1) });
    expect(readable(onDisk(path), 'Шифрованный')).toBe(false);
    expect(readable(onDisk(path), '79161234567')).toBe(false);
    expect(isPlainSqliteFile(path)).toBe(false);
    await db.close();
    expect(readable(onDisk(path), 'Шифрованный')).toBe(false);

    const again = await open(path, key);
    expect(await again.getRow('customer', person.id)).toMatchObject({ version: '1', data: { fullName: person.fullName } });
    await again.close();
  });

  it('refuses another key, or none, with an error that says so and leaves the file as it was', async () => {
    const path = nextPath();
    const key = randomBytes(32);
    const db = await open(path, key);
    await db.applyPullPage({ after: '0', body: page(1) });
    await db.close();
    const before = readFileSync(path);

    await expect(open(path, randomBytes(32))).rejects.toMatchObject({ code: 'key_mismatch', message: expect.stringContaining('cannot be decrypted') });
    await expect(open(path)).rejects.toMatchObject({ code: 'open_failed', message: expect.stringContaining('not a database') });
    expect(readFileSync(path).equals(before)).toBe(true);
    const right = await open(path, key);
    expect(await right.cursor()).toBe('1');
    await right.close();
  });

  it('encrypts a plain replica of an earlier version in place, rows and outbox kept', async () => {
    const path = nextPath();
    const plain = await open(path);
    await plain.applyPullPage({ after: '0', body: page(1) });
    await plain.enqueue({ name: 'conversation.addNote', args: { conversationId: person.id, noteId: randomUUID(), body: 'секретная заметка' } });
    const queued = await plain.outboxCount();
    expect(queued).toBe(1);
    await plain.close();
    expect(isPlainSqliteFile(path)).toBe(true);
    expect(readable(onDisk(path), 'Шифрованный')).toBe(true);

    const key = randomBytes(32);
    const db = await open(path, key);
    expect(isPlainSqliteFile(path)).toBe(false);
    expect(await db.getRow('customer', person.id)).toMatchObject({ data: { fullName: person.fullName } });
    expect(await db.outboxCount()).toBe(queued);
    await db.applyPullPage({ after: '1', body: page(2) });
    await db.close();
    expect(readable(onDisk(path), 'Шифрованный')).toBe(false);
  });
});

describe('replica keys', () => {
  it('are made once per replica and kept in a file only the user can read', async () => {
    const dir = join(dirname(nextPath()), 'keys');
    const vault = fileKeyVault(dir);
    const path = nextPath();
    const key = await replicaKeyFor(vault, path);
    expect(key).toHaveLength(32);
    expect((await replicaKeyFor(vault, path)).equals(key)).toBe(true);
    expect((await replicaKeyFor(vault, nextPath())).equals(key)).toBe(false);
    const file = join(dir, `${replicaKeyName(path)}.key`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('replace a stored key that is not one (a damaged entry) instead of failing', async () => {
    const vault = fileKeyVault(join(dirname(nextPath()), 'keys-damaged'));
    const path = nextPath();
    await vault.set(replicaKeyName(path), 'not a key');
    const key = await replicaKeyFor(vault, path);
    expect(await vault.get(replicaKeyName(path))).toBe(key.toString('hex'));
  });
});

describe('sync service with a replica this computer cannot decrypt', () => {
  it('makes the replica anew with the kept key and tells the UI', async () => {
    const userDataDir = dirname(nextPath());
    const serverUrl = 'http://127.0.0.1:9'; // nothing listens: the engine stays offline, which is enough here
    const signedIn = { serverUrl, token: 't', info: { agent: { id: person.id } } } as unknown as SignedIn;
    const path = replicaPathFor(userDataDir, serverUrl, person.id);
    // A replica encrypted with a key this computer no longer holds (e.g. the OS profile was reset).
    const lost = await open(path, randomBytes(32));
    await lost.applyPullPage({ after: '0', body: page(1) });
    await lost.close();

    const vault = fileKeyVault(join(userDataDir, 'keys'));
    const statuses: SyncStatus[] = [];
    const session = { current: () => signedIn, onChange: () => () => undefined, expire: async () => undefined } as unknown as SessionService;
    const sync = createSyncService({
      session,
      userDataDir,
      keys: vault,
      emit: ((event: string, payload: unknown) => {
        if (event === 'sync.changed' && payload) statuses.push(payload as SyncStatus);
      }) as never,
      pollIntervalMs: 3_600_000,
    });
    try {
      await waitFor(() => sync.current() !== null && statuses.length > 0, 10_000, 'the sync service to start');
      expect(statuses.every((s) => s.replicaRecreated === true)).toBe(true);
      expect(sync.status()?.replicaRecreated).toBe(true);
      const db = sync.current()!.db;
      expect(await db.getRow('customer', person.id)).toBeNull();
      expect(await db.cursor()).toBe('0');
    } finally {
      await sync.stop();
    }
    // The new file opens with the key the vault keeps.
    const kept = Buffer.from((await vault.get(replicaKeyName(path)))!, 'hex');
    const reopened = await open(path, kept);
    expect(await reopened.cursor()).toBe('0');
    await reopened.close();
  });
});
