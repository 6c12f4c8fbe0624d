// A pool for Kysely's PostgresDialect over embedded PGlite, so both databases share one dialect,
// one schema and one query layer.
//
// Why a mutex: PGlite is a single PostgreSQL backend, i.e. exactly one connection. Kysely runs a
// transaction as BEGIN … COMMIT over one acquired connection; if another request's query slipped in
// between, it would run inside that transaction. So `connect()` hands the one connection to one
// holder at a time and the next waits until `release()`. Consequence: inside a transaction use the
// transaction object, never the outer `db` (that would wait for itself).
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

type Command = PostgresQueryResult<unknown>['command'];

export class PglitePool implements PostgresPool {
  readonly options = {};
  readonly #pg: PGlite;
  #held = false;
  readonly #waiting: Array<() => void> = [];

  constructor(pg: PGlite) {
    this.#pg = pg;
  }

  async connect(): Promise<PostgresPoolClient> {
    if (this.#held) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#held = true;
    let released = false;
    const pg = this.#pg;
    const client = {
      query: async (sql: unknown, parameters?: ReadonlyArray<unknown>) => {
        if (typeof sql !== 'string') throw new Error('PglitePool: cursors are not supported');
        const r = await pg.query<Record<string, unknown>>(sql, parameters ? [...parameters] : []);
        return {
          command: (r.command ?? 'SELECT') as Command,
          rowCount: r.rowCount ?? r.affectedRows ?? 0,
          rows: r.rows,
        };
      },
      release: () => {
        if (released) return;
        released = true;
        this.#release();
      },
    };
    return client as PostgresPoolClient;
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next(); // hand over without ever marking the connection free
    else this.#held = false;
  }

  async end(): Promise<void> {
    await this.#pg.close();
  }
}
