// Checks one pull page before any of it touches the replica: JSON, the contract's PullResponse, and
// what a schema cannot say — versions strictly increasing and past our cursor (never backwards),
// `next` not behind them, an upsert's id matching its row, and progress when more is promised.
// Runs in the replica worker, so parsing a large page never blocks the main process.
import type { z } from 'zod';
import { PullResponse, type Change } from '../../../contract/sync.ts';

/** SQLite stores versions as signed 64-bit integers; PostgreSQL's bigint has the same bound. */
export const MAX_VERSION = 2n ** 63n - 1n;

export class BadPageError extends Error {
  readonly code = 'bad_page';
  constructor(message: string) {
    super(`pull page rejected: ${message}`);
    this.name = 'BadPageError';
  }
}

export interface ParsedPage {
  changes: Change[];
  next: bigint;
  hasMore: boolean;
  remaining: number;
}

function version(v: string, where: string): bigint {
  const n = BigInt(v);
  if (n > MAX_VERSION) throw new BadPageError(`${where}: version ${v} is beyond 2^63-1`);
  return n;
}

export function parsePullPage(text: string, after: string): ParsedPage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BadPageError(`not JSON (${text.length} chars; ${(e as Error).message})`);
  }
  const r = PullResponse.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    const { path, message } = issue ? explain(issue, []) : { path: [], message: 'invalid' };
    throw new BadPageError(`${path.join('.') || 'body'}: ${message}`);
  }
  const page = r.data;
  const start = BigInt(after);
  let last = start;
  page.changes.forEach((c, i) => {
    const v = version(c.version, `changes.${i}`);
    if (v <= last) {
      throw new BadPageError(`changes.${i}.version: ${c.version} does not come after ${last} (versions must increase past the cursor)`);
    }
    if (c.op === 'upsert' && c.data.id !== c.id) throw new BadPageError(`changes.${i}.data.id: ${c.data.id} differs from the change's id ${c.id}`);
    last = v;
  });
  const next = version(page.next, 'next');
  if (next < last) throw new BadPageError(`next: ${page.next} is behind the page's last version ${last}`);
  if (page.hasMore && next === start) throw new BadPageError(`next: the server promises more but did not move past ${after}`);
  return { changes: page.changes, next, hasMore: page.hasMore, remaining: page.hasMore ? page.remaining : 0 };
}

/**
 * A change is a union (upsert of each entity | tombstone), whose own message is only "Invalid
 * input"; the branch that got furthest into the value names the real problem (changes.3.data.title).
 */
function explain(issue: z.core.$ZodIssue, base: PropertyKey[]): { path: PropertyKey[]; message: string } {
  const path = [...base, ...issue.path];
  let best: { path: PropertyKey[]; message: string } | null = null;
  if (issue.code === 'invalid_union') {
    for (const branch of issue.errors) {
      const e = branch[0] ? explain(branch[0], path) : null;
      if (e && (!best || e.path.length > best.path.length)) best = e;
    }
  }
  return best ?? { path, message: issue.message };
}
