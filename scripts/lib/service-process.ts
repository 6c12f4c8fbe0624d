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

export function startService(opts: StartOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, opts.args, {
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen: string[] = [];
  const remember = (line: string) => {
    seen.push(line);
    if (seen.length > 200) seen.shift();
    if (opts.echo) console.log(`[${opts.name}] ${line}`);
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
