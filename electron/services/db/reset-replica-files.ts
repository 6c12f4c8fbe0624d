// Removes a replica's files (the database, its WAL and shared-memory index) once nothing has it
// open: the replica is made anew on the next open. Used when the file cannot be decrypted.
import { rm } from 'node:fs/promises';

export async function removeReplicaFiles(path: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${path}${suffix}`, { force: true });
}
