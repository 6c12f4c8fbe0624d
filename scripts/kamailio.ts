// A throwaway Kamailio for tests and `npm start`: scripts/kamailio/kamailio.cfg filled in and
// written to a temporary folder (also its run dir, so no /var/run access is needed), started in the
// foreground (-DD -E) in its own process group on a free loopback port, ready once its WebSocket
// port answers HTTP. stop() ends the group and deletes the folder.
//   node scripts/kamailio.ts [--password P]  → prints {"event":"listening","url":"ws://127.0.0.1:PORT"}
// Binary: $KAMAILIO_BIN, else /usr/sbin/kamailio, else PATH.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './lib/free-port.ts';

export interface KamailioOptions {
  /** SIP domain users register under (sip:1001@DOMAIN). */
  domain?: string;
  /** When set, REGISTER needs digest auth with this password (any user name). */
  password?: string;
  /** Echo Kamailio's log to stderr. */
  verbose?: boolean;
  /** Try this port first (npm start keeps a stable address); a free one otherwise. */
  port?: number;
}

export interface Kamailio {
  /** ws://127.0.0.1:PORT — the SIP WebSocket URI for JsSIP. */
  wsUrl: string;
  port: number;
  domain: string;
  /** The last lines of Kamailio's log, for error messages. */
  log(): string;
  /** Stops and starts again on the same port; registrations are forgotten (memory only). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const TEMPLATE = join(import.meta.dirname, 'kamailio', 'kamailio.cfg');
const SAFE = /^[A-Za-z0-9._-]+$/;

export function kamailioBinary(): string {
  const candidates = [process.env.KAMAILIO_BIN, '/usr/sbin/kamailio', '/usr/local/sbin/kamailio'];
  const found = candidates.find((p) => p && existsSync(p));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v kamailio'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error('Kamailio not found: run scripts/setup-system.sh (apt-get install kamailio kamailio-websocket-modules) or set KAMAILIO_BIN');
}

/** A fresh token per config, in the 404 that Kamailio answers to plain HTTP: proof it is ours. */
function writeConfig(dir: string, port: number, domain: string, password?: string): { file: string; token: string } {
  const token = randomUUID();
  const head = password ? '#!define WITH_AUTH\n' : '';
  const text = readFileSync(TEMPLATE, 'utf8')
    .replace('#!KAMAILIO\n', `#!KAMAILIO\n${head}`)
    .replaceAll('{{WS_PORT}}', String(port))
    .replaceAll('{{DOMAIN}}', domain)
    .replaceAll('{{PASSWORD}}', password ?? '')
    .replaceAll('{{TOKEN}}', token);
  const file = join(dir, 'kamailio.cfg');
  writeFileSync(file, text);
  return { file, token };
}

/**
 * True once Kamailio's xhttp route answers a plain GET with this run's token, i.e. this Kamailio
 * accepts WebSockets on the port (not another one that held it first: then ours fails to bind).
 */
function answers(port: number, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', timeout: 1000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      res.on('end', () => resolve(res.statusCode === 404 && body.includes(token)));
      res.on('error', () => resolve(false));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
    req.end();
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

interface Running { child: ChildProcess; exited: Promise<void> }

async function launch(bin: string, cfg: { file: string; token: string }, dir: string, port: number, lines: string[], verbose: boolean): Promise<Running> {
  // -DD: no daemon, -E: log to stderr; -Y: run dir for its control files; small memory pools.
  const child = spawn(bin, ['-DD', '-E', '-f', cfg.file, '-Y', dir, '-w', dir, '-m', '32', '-M', '4'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() reaches every worker it forks
  });
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (verbose) console.error(`[kamailio] ${line}`);
    }
  };
  child.stdout!.on('data', remember);
  child.stderr!.on('data', remember);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => { gone = true; });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`Kamailio exited (${child.exitCode ?? child.signalCode}) before listening on port ${port}`);
    if (await answers(port, cfg.token)) return { child, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  killGroup(child, 'SIGKILL');
  throw new Error(`Kamailio did not answer on port ${port} within 15 s`);
}

async function halt(run: Running): Promise<void> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return;
  killGroup(run.child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(run.child, 'SIGKILL'), 5000);
  await run.exited;
  clearTimeout(timer);
  killGroup(run.child, 'SIGKILL'); // any worker that outlived the main process
}

export async function startKamailio(opts: KamailioOptions = {}): Promise<Kamailio> {
  const domain = opts.domain ?? 'pult.test';
  if (!SAFE.test(domain)) throw new Error(`bad SIP domain "${domain}"`);
  if (opts.password !== undefined && !SAFE.test(opts.password)) throw new Error('the Kamailio test password may hold only letters, digits, ".", "_" and "-"');
  const bin = kamailioBinary();
  const dir = mkdtempSync(join(tmpdir(), 'pult-kamailio-'));
  const lines: string[] = [];
  const log = () => lines.join('\n');
  let run: Running | null = null;
  let port = 0;
  let cfg = { file: '', token: '' };
  try {
    for (let attempt = 0; ; attempt++) {
      port = attempt === 0 && opts.port ? opts.port : await freePort();
      cfg = writeConfig(dir, port, domain, opts.password);
      try {
        run = await launch(bin, cfg, dir, port, lines, opts.verbose ?? false);
        break;
      } catch (e) {
        if (attempt >= 3) throw e; // the port was taken between probing and binding; try another
      }
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const hint = /websocket\.so|xhttp\.so/.test(log()) ? '\n(install the Debian package kamailio-websocket-modules)' : '';
    throw new Error(`could not start Kamailio: ${e instanceof Error ? e.message : String(e)}${hint}\n${log().slice(-3000)}`, { cause: e });
  }
  // A test runner that dies must not leave Kamailio running.
  const onExit = () => { if (run) killGroup(run.child, 'SIGKILL'); };
  process.once('exit', onExit);
  let stopped = false;
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    domain,
    log,
    async restart() {
      if (run) await halt(run);
      run = await launch(bin, cfg, dir, port, lines, opts.verbose ?? false);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', onExit);
      if (run) await halt(run);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (import.meta.main) {
  const i = process.argv.indexOf('--password');
  const kam = await startKamailio({ verbose: true, password: i > 0 ? process.argv[i + 1] : undefined });
  process.stdout.write(JSON.stringify({ event: 'listening', url: kam.wsUrl, domain: kam.domain }) + '\n');
  const stop = () => void kam.stop().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
