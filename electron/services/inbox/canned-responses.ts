// The replica's canned responses (the worker's side): active ones, Russian first, in their order.
// Which suit the open conversation (channel, WhatsApp window) the composer decides, offline too.
import type { CannedResponse } from '../../../contract/domain/canned-response.ts';
import type { Db } from '../db/open-replica-file.ts';

export interface ReplicaCannedResponses {
  list(): CannedResponse[];
}

export function createReplicaCannedResponses(db: Db): ReplicaCannedResponses {
  const all = db.prepare("SELECT data FROM canned_response ORDER BY language = 'en', sort, id").pluck();
  return {
    list: () => (all.all() as string[]).map((d) => JSON.parse(d) as CannedResponse).filter((c) => c.active),
  };
}
