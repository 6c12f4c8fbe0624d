// Entry of the replica's worker thread, and of its page checker (page-checker.ts), which the
// replica client starts from the same file with workerData {role: 'page-checker', port}: a bundled
// build needs one entry for both. Loaded by plain Node (type stripping) from replica-client.ts;
// a bundled build gives it its own entry and passes that file's URL as `workerUrl`.
import { parentPort, workerData } from 'node:worker_threads';
import { serveChecker } from './page-checker.ts';
import { serveReplica } from './worker-host.ts';
import { CHECKER_ROLE, CheckerData } from './worker-protocol.ts';

if (!parentPort) throw new Error('worker.ts runs as a worker thread (see replica-client.ts)');
const checker = (workerData as { role?: unknown } | null)?.role === CHECKER_ROLE ? CheckerData.parse(workerData) : null;
if (checker) serveChecker(parentPort, checker.port);
else serveReplica(parentPort, workerData);
