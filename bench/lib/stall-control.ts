// Starts the idle control process (idle-stall.ts); stop() returns the longest stall it saw meanwhile.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function stallControl(): Promise<{ stop(): Promise<number> }> {
  const child = fork(fileURLToPath(new URL('./idle-stall.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('error', reject);
  });
  return {
    stop: () =>
      new Promise((resolve, reject) => {
        child.once('message', (m: { maxStallMs: number }) => resolve(m.maxStallMs));
        child.once('error', reject);
        child.send('stop');
      }),
  };
}
