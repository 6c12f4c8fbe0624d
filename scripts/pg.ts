// A throwaway PostgreSQL cluster for tests and local runs: initdb in a temporary folder, started on
// a free loopback port (Unix socket in the same folder), one database created; stop() shuts it
// down and deletes the folder. As root, the server binaries run as the `postgres` OS user, because
// initdb and postgres refuse to run as root.
//   node scripts/pg.ts   → prints {"event":"listening","url":"postgres://…"}; Ctrl+C stops and removes it
// Binaries: $PG_BIN, else the newest /usr/lib/postgresql/*/bin, else pg_config --bindir, else PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:PORT/DB */
  url: string;
  /** URL of the maintenance database `postgres`, for creating and dropping databases. */
  adminUrl: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

export interface PgOptions {
  database?: string;
  /** Echo server output; default quiet. */
  verbose?: boolean;
}

function findBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  return ''; // rely on PATH
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function runPg(bin: string, args: string[]): string {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${err.stderr || err.stdout || err.message}`, { cause: e });
  }
}

function uidGid(user: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${user}:`));
  if (!line) throw new Error(`no OS user "${user}": install PostgreSQL (Debian package postgresql)`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres(opts: PgOptions = {}): Promise<PgCluster> {
  const binDir = findBinDir();
  const bin = (name: string) => (binDir ? join(binDir, name) : name);
  const dir = mkdtempSync(join(tmpdir(), 'pult-pg-'));
  if (asRoot) {
    const { uid, gid } = uidGid('postgres');
    chownSync(dir, uid, gid);
  }
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const database = opts.database ?? 'pult';
  try {
    // C.UTF-8: byte-order collation (fast, stable across machines) with Unicode-aware lower()/trigrams.
    runPg(bin('initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']);
    let port = 0;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const serverOpts = [
        `-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1",
        // A test cluster: durability off for speed, it is deleted afterwards anyway.
        '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=200',
      ].join(' ');
      try {
        runPg(bin('pg_ctl'), ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', serverOpts]);
        break;
      } catch (e) {
        if (attempt >= 3) throw e; // the port was taken between probing and binding; try another
      }
    }
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`create database "${database.replace(/"/g, '""')}"`);
    } finally {
      await admin.end();
    }
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      try {
        runPg(bin('pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    if (opts.verbose) console.error(`pg: cluster in ${dir} on port ${port}`);
    return { url: `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`, adminUrl, port, dir, stop };
  } catch (e) {
    try {
      if (existsSync(join(dataDir, 'postmaster.pid'))) runPg(bin('pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
    } catch {
      // nothing more to do
    }
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL: ${e instanceof Error ? e.message : String(e)}${log ? `\n${log}` : ''}`, { cause: e });
  }
}

if (import.meta.main) {
  const cluster = await startPostgres({ verbose: true });
  process.stdout.write(JSON.stringify({ event: 'listening', url: cluster.url }) + '\n');
  const stop = () => void cluster.stop().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
