// Starts one of Pult's Node services (server, browser host) as a child process and waits for the
// JSON line it prints once listening: {"event":"listening","url":"http://127.0.0.1:PORT/"}.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Output seen so far, for error messages. */
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export interface StartOptions {
  name: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Echo the child's output with a prefix (npm start); tests keep it quiet. */
  echo?: boolean;
}

const LEVELS: Record<number, string> = { 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };

/** A pino JSON log line as one short readable line; request chatter is left out. */
function readable(line: string): string | null {
  if (!line.startsWith('{')) return line;
  try {
    const r = JSON.parse(line) as { level?: number; msg?: string; event?: string; reqId?: string };
    if (r.event) return null; // "listening": npm start prints the URL itself
    if (r.reqId && (r.level ?? 30) < 40) return null;
    const extra = Object.entries(r).filter(([k]) => !['level', 'time', 'pid', 'hostname', 'msg', 'name', 'reqId'].includes(k));
    const details = extra.length ? ` ${JSON.stringify(Object.fromEntries(extra))}` : '';
    return `${(r.level ?? 30) >= 40 ? `${LEVELS[r.level ?? 30] ?? 'log'}: ` : ''}${r.msg ?? ''}${details}`;
  } catch {
    return line;
  }
}

export function startService(opts: StartOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, opts.args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen: string[] = [];
  const remember = (line: string) => {
    seen.push(line);
    if (seen.length > 200) seen.shift();
    if (opts.echo) {
      const shown = readable(line);
      if (shown) console.log(`[${opts.name}] ${shown}`);
    }
  };
  createInterface({ input: child.stderr! }).on('line', remember);
  const stdout = createInterface({ input: child.stdout! });

  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => { clearTimeout(kill); resolve(); });
      child.kill(signal);
    });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`${opts.name} did not start within ${opts.timeoutMs ?? 120_000} ms:\n${seen.join('\n')}`));
    }, opts.timeoutMs ?? 120_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${opts.name} exited (${code ?? signal}) before listening:\n${seen.join('\n')}`));
    });
    stdout.on('line', (line) => {
      remember(line);
      if (!line.startsWith('{')) return;
      try {
        const msg = JSON.parse(line) as { event?: string; url?: string };
        if (msg.event === 'listening' && typeof msg.url === 'string') {
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve({ url: msg.url, child, output: () => seen.join('\n'), stop });
        }
      } catch {
        // not one of our JSON lines
      }
    });
  });
}
