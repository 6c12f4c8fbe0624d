// Encryption at rest of the replica: it holds customers' names, phones, addresses, payments and
// messages, on operators' own PCs too. The SQLite build is SQLite3 Multiple Ciphers
// (better-sqlite3-multiple-ciphers, installed under the name better-sqlite3; see the README), which
// encrypts every page of the file and of its WAL.
//
// Cipher: AEGIS-256 — authenticated (a changed page fails to read instead of decrypting to
// garbage) and built on the CPU's AES instructions (AES-NI, ARMv8 AES; a portable fallback
// elsewhere). Measured here on writes and a scan, against plain SQLite: AEGIS 1.06× the CPU,
// AES-256-CBC (not authenticated) 1.3×, ChaCha20-Poly1305 (the library's default) 2×, the SQLCipher
// scheme (HMAC-SHA512 per page) 3×.
// The key is 32 random bytes (replica-keys.ts keeps it in the OS keychain) given as a raw key, so
// opening skips the passphrase KDF: a random key needs no stretching.
import { closeSync, openSync, readSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { ReplicaError } from './replica-error.ts';

export const REPLICA_CIPHER = 'aegis';
export const REPLICA_KEY_BYTES = 32;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The file starts with SQLite's plain header: written before the replica was encrypted. */
export function isPlainSqliteFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false; // missing: a new replica
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

const rawKey = (key: Uint8Array) => {
  if (key.length !== REPLICA_KEY_BYTES) throw new ReplicaError('invalid_input', `the replica key must be ${REPLICA_KEY_BYTES} bytes`);
  return `"x'${Buffer.from(key).toString('hex')}'"`;
};

/**
 * Keys a freshly opened connection, before any other statement reads the file. A plain file left
 * by an earlier version is encrypted in place first (rows and outbox kept). Throws
 * ReplicaError('key_mismatch') when the file is encrypted with another key. A read-only connection
 * reads a plain file as it is.
 */
export function unlockReplica(db: Database.Database, path: string, key: Uint8Array, readonly = false): void {
  const plain = path !== ':memory:' && isPlainSqliteFile(path);
  if (plain && readonly) return;
  db.pragma(`cipher = '${REPLICA_CIPHER}'`);
  if (plain) {
    // Rekeying rewrites every page; in WAL mode the library keeps a salt meant for re-keys of an
    // encrypted file, so the plain file leaves WAL first (the caller sets WAL again).
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = ${rawKey(key)}`);
  } else {
    db.pragma(`key = ${rawKey(key)}`);
  }
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (e) {
    if ((e as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new ReplicaError('key_mismatch', 'the replica file cannot be decrypted with the key this computer holds');
    }
    throw e;
  }
}
