// What a client keeps: the latest row per (entity, id) and the cursor. Checks the feed's promises
// on the way: versions strictly increase across pages, `next` is the last change's version.
import { expect } from 'vitest';
import type { PullResponse } from '../../../contract/index.ts';

export const key = (entity: string, id: string) => `${entity}:${id}`;

export class SyncReplica {
  cursor = '0';
  readonly rows = new Map<string, { version: string; data: unknown }>();
  changesSeen = 0;

  apply(page: PullResponse): void {
    let last = BigInt(this.cursor);
    for (const c of page.changes) {
      const v = BigInt(c.version);
      expect(v > last, `version ${c.version} after ${last}`).toBe(true);
      last = v;
      if (c.op === 'delete') this.rows.delete(key(c.entity, c.id));
      else this.rows.set(key(c.entity, c.id), { version: c.version, data: c.data });
    }
    expect(page.next).toBe(page.changes.at(-1)?.version ?? this.cursor);
    this.cursor = page.next;
    this.changesSeen += page.changes.length;
  }

  /** entity:id → data, for comparing with the server. */
  data(): Map<string, unknown> {
    return new Map([...this.rows].map(([k, v]) => [k, v.data]));
  }

  entities(entity: string): string[] {
    return [...this.rows.keys()].filter((k) => k.startsWith(`${entity}:`)).map((k) => k.slice(entity.length + 1)).sort();
  }
}
