// Entry of the replica's worker thread, and of its page checker (page-checker.ts), which the
// replica client starts from the same file with workerData {role: 'page-checker', port}: a bundled
// build needs one entry for both. Loaded by plain Node (type stripping) from replica-client.ts;
// a bundled build gives it its own entry and passes that file's URL as `workerUrl`.
import { parentPort, workerData } from 'node:worker_threads';
import { serveChecker } from './page-checker.ts';
import { createWalCheckpointer } from './wal-checkpointer.ts';
import { serveReplica } from './worker-host.ts';
import { CHECKER_ROLE, CheckerData } from './worker-protocol.ts';

if (!parentPort) throw new Error('worker.ts runs as a worker thread (see replica-client.ts)');
const checker = (workerData as { role?: unknown } | null)?.role === CHECKER_ROLE ? CheckerData.parse(workerData) : null;
if (checker) {
  const wal = checker.checkpoint && createWalCheckpointer(checker.checkpoint.path, checker.checkpoint.key);
  serveChecker(parentPort, checker.port, wal ? () => wal.checkpoint() : undefined);
}
else serveReplica(parentPort, workerData);
