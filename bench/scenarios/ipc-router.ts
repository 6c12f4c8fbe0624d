// What the one IPC router costs: every call measured for size and shape, validated in and out by
// the contract's zod schemas — against calling the same service function directly. And what
// refusing a hostile 10 MB string costs, against merely serialising it (the least any host does).
import { MAX_CALL_BYTES } from '../../contract/ipc.ts';
import { measureJson } from '../../electron/ipc/measure.ts';
import { createRouter } from '../../electron/ipc/router.ts';
import type { Handlers } from '../../electron/ipc/handlers.ts';
import { fmtMs, fmtOps, measure, type Row } from '../lib/timing.ts';

const settings = { language: 'ru' as const, theme: 'auto' as const, serverUrl: 'https://pult.example.ru' as string | null };
const handlers = {
  'settings.update': (p: { language?: 'ru' | 'en'; theme?: 'auto' | 'light' | 'dark'; serverUrl?: string | null }) => Object.assign(settings, p),
} as unknown as Handlers;

export async function ipcRouter(): Promise<Row[]> {
  const router = createRouter(handlers);
  const input = { language: 'en', theme: 'dark', serverUrl: 'https://pult.example.ru' };
  const runs = 50_000;
  const direct = await measure(runs, () => (handlers['settings.update'] as (p: typeof input) => unknown)(input));
  const routed = await measure(runs, async () => {
    const r = await router.handle('settings.update', input);
    if (!r.ok) throw new Error(r.error.message);
  });

  const huge = { url: 'x'.repeat(10 * 1024 * 1024) };
  const refuse = await measure(200, () => {
    const r = measureJson(huge, MAX_CALL_BYTES);
    if (r.ok) throw new Error('10 MB input was not refused');
  }, 5);
  const stringify = await measure(200, () => JSON.stringify(huge).length, 5);

  return [
    {
      scenario: 'IPC call settings.update: router (validated) vs direct',
      measured: `${fmtOps(routed.opsPerSec)}, p95 ${fmtMs(routed.p95Ms)}`,
      baseline: `${fmtOps(direct.opsPerSec)}, p95 ${fmtMs(direct.p95Ms)}`,
      ratio: routed.p50Ms / direct.p50Ms,
      of: 'p50 time per call',
    },
    {
      scenario: 'Refuse a 10 MB string: measureJson vs JSON.stringify',
      measured: `p50 ${fmtMs(refuse.p50Ms)}`,
      baseline: `p50 ${fmtMs(stringify.p50Ms)}`,
      ratio: refuse.p50Ms / stringify.p50Ms,
      of: 'p50 time per call',
    },
  ];
}
