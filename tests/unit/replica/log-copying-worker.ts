// The replica worker with a page checker that never copies the write-ahead log back itself
// (wal-checkpointer.ts), so that what is copied is what the worker copies.
import { parentPort, workerData } from 'node:worker_threads';
import { serveChecker } from '../../../electron/services/db/page-checker.ts';
import { serveReplica } from '../../../electron/services/db/worker-host.ts';
import { CHECKER_ROLE, CheckerData } from '../../../electron/services/db/worker-protocol.ts';

if ((workerData as { role?: unknown } | null)?.role === CHECKER_ROLE) serveChecker(parentPort!, CheckerData.parse(workerData).port);
else serveReplica(parentPort!, workerData);
