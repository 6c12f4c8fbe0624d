// Runs one pull to the end of the feed in its own process, so a test can kill -9 it mid-sync and
// start it again: node sync-child.ts <replica path> <server url> <token> <page limit>
import { openReplica } from '../../../electron/services/db/replica-client.ts';
import { pullAll } from '../../../electron/services/sync/puller.ts';
import { createSyncHttp } from '../../../electron/services/sync/sync-http.ts';

const [path, serverUrl, token, limit] = process.argv.slice(2);
if (!path || !serverUrl || !token) throw new Error('usage: sync-child.ts <replica path> <server url> <token> [limit]');
const db = await openReplica({ path });
const summary = await pullAll({
  db,
  http: createSyncHttp({ serverUrl, token }),
  limit: Number(limit ?? 500),
  onPage: (page) => process.stdout.write(`${JSON.stringify({ applied: page.next })}\n`),
});
process.stdout.write(`${JSON.stringify({ done: summary })}\n`);
await db.close();
