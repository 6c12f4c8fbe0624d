// Whether this PC's operator wants a notification for every new conversation in the shared queue
// (off by default: in a busy hour that is a notice a minute). Kept in the page's storage, per PC,
// like the list's other view choices; their own conversations always notify.
import { useSyncExternalStore } from 'react';

const KEY = 'pult.inboxNotify.queue';
const listeners = new Set<() => void>();

export function queueNotificationsWanted(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function setQueueNotificationsWanted(on: boolean): void {
  try {
    localStorage.setItem(KEY, on ? '1' : '0');
  } catch {
    // storage refused (private mode): the choice lasts until the page closes
  }
  for (const l of listeners) l();
}

export function useQueueNotificationsWanted(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    queueNotificationsWanted,
  );
}
