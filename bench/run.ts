// `npm run bench [-- scenario…]`: each scenario prints the figure it measured, a baseline measured in
// the same run on the same machine, and their ratio. Nothing here is a pass/fail threshold.
import { cpus } from 'node:os';
import { callMemory } from './scenarios/call-memory.ts';
import { callSetup } from './scenarios/call-setup.ts';
import { firstSync } from './scenarios/first-sync.ts';
import { ipcRouter } from './scenarios/ipc-router.ts';
import { kbSearch } from './scenarios/kb-search.ts';
import { liveLatency } from './scenarios/live-latency.ts';
import { replicaApply } from './scenarios/replica-apply.ts';
import { serverSearch } from './scenarios/server-search.ts';
import { serverWrite } from './scenarios/server-write.ts';
import { screenPop } from './scenarios/screen-pop.ts';
import { inboxList } from './scenarios/inbox-list.ts';
import { syncPull } from './scenarios/sync-pull.ts';
import { emailIngest } from './scenarios/email-ingest.ts';
import type { Row } from './lib/timing.ts';

const scenarios: Record<string, () => Promise<Row[]>> = {
  'ipc-router': ipcRouter,
  'server-search': serverSearch,
  'server-write': () => serverWrite(),
  'sync-pull': syncPull,
  'replica-apply': replicaApply,
  'first-sync': () => firstSync(),
  'live-latency': () => liveLatency(),
  'kb-search': kbSearch,
  'call-setup': () => callSetup(),
  'call-memory': () => callMemory(),
  'screen-pop': () => screenPop(),
  'inbox-list': () => inboxList(),
  'email-ingest': () => emailIngest(),
};

const only = process.argv.slice(2);
const chosen = only.length ? only : Object.keys(scenarios);
for (const name of chosen) if (!scenarios[name]) throw new Error(`unknown scenario "${name}"; known: ${Object.keys(scenarios).join(', ')}`);

console.log(`pult bench — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
const ratio = (r: number) => (r >= 0.01 ? r.toFixed(2) : r.toExponential(1));
const rows: Row[] = [];
for (const name of chosen) {
  const started = performance.now();
  process.stdout.write(`\n▶ ${name}… `);
  const r = await scenarios[name]!();
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const row of r) {
    console.log(`  ${row.scenario}\n    measured: ${row.measured}\n    baseline: ${row.baseline}\n    ratio:    ${ratio(row.ratio)}× (${row.of})`);
  }
  rows.push(...r);
}
console.log('\nsummary (ratio = measured / baseline):');
for (const row of rows) console.log(`  ${ratio(row.ratio).padStart(8)}×  ${row.scenario}`);
