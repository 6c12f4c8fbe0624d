// Whether a failed call failed for want of the server (or of the host): editing, history and the
// feedback summary then say "needs the connection" rather than the generic sentence.
import { toPultCallError, type ClientErrorCode } from '../../api/pult-error.ts';

const NO_CONNECTION: ReadonlySet<ClientErrorCode> = new Set(['server_unreachable', 'host_disconnected', 'timeout']);

export function isNoConnection(e: unknown): boolean {
  return e != null && NO_CONNECTION.has(toPultCallError(e).code);
}
