// A process that does nothing but watch its own event loop, as a control for stall measurements:
// on a machine shared with other work, even an idle process is sometimes not scheduled for tens of
// milliseconds. IPC: "stop" → {maxStallMs} and exit. See stallControl() in stall-control.ts.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const h = monitorEventLoopDelay({ resolution: 1 });
h.enable();
process.send!('ready');
process.on('message', (m) => {
  if (m !== 'stop') return;
  h.disable();
  process.send!({ maxStallMs: h.max / 1e6 }, () => process.disconnect());
});
