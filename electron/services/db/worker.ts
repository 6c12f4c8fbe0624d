// Entry of the replica's worker thread. Loaded by plain Node (type stripping) from replica-client.ts;
// a bundled build gives it its own entry and passes that file's URL as `workerUrl`.
import { parentPort, workerData } from 'node:worker_threads';
import { serveReplica } from './worker-host.ts';

if (!parentPort) throw new Error('worker.ts runs as a worker thread (see replica-client.ts)');
serveReplica(parentPort, workerData);
