// JSON files in the user-data dir, written atomically: a temp file in the same directory, flushed,
// then renamed over the old one — a crash or power cut leaves the old file or the new, never half.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, JSON.stringify(value, null, 2) + '\n', { encoding: 'utf8', mode: 0o600, flush: true });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export type ReadJson = { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'broken'; message: string };

export async function readJson(path: string): Promise<ReadJson> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'broken', message: `cannot read: ${(e as Error).message}` };
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown };
  } catch (e) {
    return { kind: 'broken', message: `not valid JSON: ${(e as Error).message}` };
  }
}

/** Serialises writes so two quick updates never race on the temp file and the last one wins. */
export function createWriteQueue(): (job: () => Promise<void>) => Promise<void> {
  let tail: Promise<void> = Promise.resolve();
  return (job) => {
    const next = tail.then(job, job);
    tail = next.catch(() => {});
    return next;
  };
}
