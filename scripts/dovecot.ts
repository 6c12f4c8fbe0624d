// A throwaway Dovecot IMAP server for tests and benchmarks: its own config file in a temporary
// folder (also its base, state and mail dir), plain IMAP on a free loopback port (no TLS;
// plaintext login is allowed because it listens on 127.0.0.1 only), static test users from a
// passwd-file, mail in Maildir under the folder, every process running as the current user. Ready
// once the port greets with this run's token; stop() ends it and deletes the folder. As root (CI),
// Dovecot refuses to serve logins or mail as root: it runs them as Debian's own `dovenull` and
// `dovecot` users, which own the mail folder.
//   node scripts/dovecot.ts [--user U --password P]  → prints {"event":"listening","host":…,"port":…}
// Binary: $DOVECOT_BIN, else /usr/sbin/dovecot, else PATH (Debian package dovecot-imapd).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './lib/free-port.ts';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users?: DovecotUser[];
  /** Echo Dovecot's log to stderr. */
  verbose?: boolean;
}

export interface Dovecot {
  host: string;
  port: number;
  users: DovecotUser[];
  /** The folder holding each user's Maildir (DIR/mail/USER/Maildir). */
  mailDir: string;
  /** The last lines of Dovecot's log, for error messages. */
  log(): string;
  /** Stops and starts again on the same port (mail is kept): what a server restart looks like to a client. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const SAFE = /^[A-Za-z0-9._-]+$/;

export function dovecotBinary(): string {
  const candidates = [process.env.DOVECOT_BIN, '/usr/sbin/dovecot', '/usr/local/sbin/dovecot'];
  const found = candidates.find((p) => p && existsSync(p));
  if (found) return found;
  const which = spawnSync('sh', ['-c', 'command -v dovecot'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error('Dovecot not found: run scripts/setup-system.sh (apt-get install dovecot-imapd) or set DOVECOT_BIN');
}

interface Identities { login: string; internal: string; group: string; mailUid: number; mailGid: number }

function idOf(flag: '-u' | '-g' | '-gn', user?: string): string {
  const r = spawnSync('id', user ? [flag, user] : [flag], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`id ${flag} ${user ?? ''}: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

/** Who Dovecot's processes run as: the current user, or as root Debian's dovenull and dovecot. */
function identities(): Identities {
  const me = userInfo();
  if (me.uid !== 0) return { login: me.username, internal: me.username, group: idOf('-gn'), mailUid: me.uid, mailGid: me.gid };
  return { login: 'dovenull', internal: 'dovecot', group: idOf('-gn', 'dovecot'), mailUid: Number(idOf('-u', 'dovecot')), mailGid: Number(idOf('-g', 'dovecot')) };
}

function writeConfig(dir: string, port: number, users: DovecotUser[], token: string, who: Identities): string {
  writeFileSync(join(dir, 'users'), users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join(''), { mode: 0o600 });
  // Read by the auth process, which runs as the internal user (dovecot, as root).
  chownSync(join(dir, 'users'), who.mailUid, who.mailGid);
  const config = `# Written by scripts/dovecot.ts for one test run.
instance_name = pult-${token}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = /dev/stderr
info_log_path = /dev/stderr
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
login_greeting = Pult test IMAP ${token}
default_internal_user = ${who.internal}
default_internal_group = ${who.group}
default_login_user = ${who.login}
first_valid_uid = ${who.mailUid}
last_valid_uid = ${who.mailUid}
first_valid_gid = 0
mail_location = maildir:~/Maildir
# IDLE learns of new mail through inotify; where that is short of watches (busy CI machines) it
# falls back to looking every this often, 30 s by default: too slow for a test.
mailbox_idle_check_interval = 1 secs
mail_privileged_group =
passdb {
  driver = passwd-file
  args = ${dir}/users
}
userdb {
  driver = static
  args = uid=${who.mailUid} gid=${who.mailGid} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service auth {
  unix_listener auth-userdb {
    mode = 0600
    user = ${who.internal}
  }
}
service stats {
  unix_listener stats-reader {
    user = ${who.internal}
  }
  unix_listener stats-writer {
    user = ${who.internal}
  }
}
`;
  const file = join(dir, 'dovecot.conf');
  writeFileSync(file, config);
  return file;
}

/** True once the port greets with this run's token: this Dovecot listens there, not another one. */
function greets(port: number, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let seen = '';
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(1000, () => done(false));
    socket.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('\n')) done(seen.startsWith('* OK') && seen.includes(token));
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

interface Running { child: ChildProcess; exited: Promise<void> }

async function launch(bin: string, file: string, port: number, token: string, lines: string[], verbose: boolean): Promise<Running> {
  // -F: stay in the foreground; every process it forks is in its own process group.
  const child = spawn(bin, ['-F', '-c', file], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (verbose) console.error(`[dovecot] ${line}`);
    }
  };
  child.stdout!.on('data', remember);
  child.stderr!.on('data', remember);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => { gone = true; });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`Dovecot exited (${child.exitCode ?? child.signalCode}) before listening on port ${port}`);
    if (await greets(port, token)) return { child, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  killGroup(child, 'SIGKILL');
  throw new Error(`Dovecot did not answer on port ${port} within 15 s`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function halt(run: Running): Promise<void> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return;
  killGroup(run.child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(run.child, 'SIGKILL'), 5000);
  await run.exited;
  clearTimeout(timer);
  killGroup(run.child, 'SIGKILL'); // any child that outlived the master
}

export async function startDovecot(opts: DovecotOptions = {}): Promise<Dovecot> {
  const users = opts.users ?? [{ user: 'pult', password: 'pult-test' }];
  for (const u of users) {
    if (!SAFE.test(u.user) || !SAFE.test(u.password)) throw new Error('Dovecot test users and passwords may hold only letters, digits, ".", "_" and "-"');
  }
  const bin = dovecotBinary();
  const dir = mkdtempSync(join(tmpdir(), 'pult-dovecot-'));
  for (const sub of ['run', 'state', 'mail']) mkdirSync(join(dir, sub));
  const who = identities();
  // The login and mail processes (other users when we are root) reach their sockets and the mail.
  chmodSync(dir, 0o755);
  chownSync(join(dir, 'mail'), who.mailUid, who.mailGid);
  const lines: string[] = [];
  const log = () => lines.join('\n');
  const token = randomUUID();
  let run: Running | null = null;
  let port = 0;
  let file = '';
  try {
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      file = writeConfig(dir, port, users, token, who);
      try {
        run = await launch(bin, file, port, token, lines, opts.verbose ?? false);
        break;
      } catch (e) {
        if (attempt >= 3) throw e; // the port was taken between probing and binding; try another
      }
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start Dovecot: ${e instanceof Error ? e.message : String(e)}\n${log().slice(-3000)}`, { cause: e });
  }
  // A test runner that dies must not leave Dovecot running.
  const onExit = () => { if (run) killGroup(run.child, 'SIGKILL'); };
  process.once('exit', onExit);
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    users,
    mailDir: join(dir, 'mail'),
    log,
    async restart() {
      if (run) await halt(run);
      run = await launch(bin, file, port, token, lines, opts.verbose ?? false);
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
  const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  const user = arg('--user') ?? 'pult';
  const password = arg('--password') ?? 'pult-test';
  const dovecot = await startDovecot({ verbose: true, users: [{ user, password }] });
  process.stdout.write(JSON.stringify({ event: 'listening', host: dovecot.host, port: dovecot.port, user, mailDir: dovecot.mailDir }) + '\n');
  const stop = () => void dovecot.stop().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
