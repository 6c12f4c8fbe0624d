// Desktop notifications of ringing calls. The desktop app passes its native notifier
// (electron/shell/call-notification.ts); without one (the browser host) the call says it showed
// nothing, and the page falls back to the Web Notification API.
import type { IncomingCallNotice } from '../../contract/notify-ipc.ts';
import type { Handlers } from './handlers.ts';

export interface DesktopCallNotifier {
  /** false when the system shows no notifications. */
  show(notice: IncomingCallNotice): boolean;
  close(id: string): void;
}

export function notifyHandlers(desktop: DesktopCallNotifier | null): Pick<Handlers, 'notify.incomingCall' | 'notify.closeCall'> {
  return {
    'notify.incomingCall': (notice) => ({ shown: desktop ? desktop.show(notice) : false }),
    'notify.closeCall': ({ id }) => {
      desktop?.close(id);
      return { ok: true as const };
    },
  };
}
