// Events from services to the renderer (connection.changed, session.ended, protocol.link). Each
// payload is checked against the contract before any listener sees it; a bad one is logged and
// dropped, so a service bug cannot send the renderer something its types do not describe.
import { events, type EventName, type EventPayload } from '../../contract/ipc.ts';
import { silentLog, type Log } from '../services/log.ts';

export type EventListener = (event: EventName, payload: unknown) => void;

export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): boolean;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(log: Log = silentLog): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      if (typeof event !== 'string' || !Object.hasOwn(events, event)) {
        log.error({ event: String(event).slice(0, 64) }, 'unknown event dropped');
        return false;
      }
      const r = events[event].safeParse(payload);
      if (!r.success) {
        log.error({ event, path: r.error.issues[0]?.path, issue: r.error.issues[0]?.message }, 'invalid event payload dropped');
        return false;
      }
      for (const l of listeners) {
        try {
          l(event, r.data);
        } catch (e) {
          log.error({ err: e, event }, 'event listener failed');
        }
      }
      return true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
