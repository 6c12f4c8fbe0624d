// A ringing call as a native notification. macOS shows Answer / Decline buttons on it; Windows and
// Linux (whose Electron notifications take no actions) show the caller, and a click brings Pult
// up on the Phone section. One notification per call, closed when the call stops ringing.
import { Notification } from 'electron';
import type { IncomingCallNotice, NoticeAction } from '../../contract/notify-ipc.ts';
import type { DesktopCallNotifier } from '../ipc/notify-handlers.ts';

export function nativeCallNotifier(onAction: (action: NoticeAction) => void): DesktopCallNotifier {
  const open = new Map<string, Notification>();
  const close = (id: string) => {
    open.get(id)?.close();
    open.delete(id);
  };
  return {
    show(notice: IncomingCallNotice) {
      if (!Notification.isSupported()) return false;
      close(notice.id);
      const withButtons = process.platform === 'darwin';
      const n = new Notification({
        title: notice.title,
        body: notice.body,
        urgency: 'critical',
        timeoutType: 'never',
        silent: true, // Pult rings on the ringer device itself
        actions: withButtons ? [{ type: 'button', text: notice.answerLabel }, { type: 'button', text: notice.declineLabel }] : [],
      });
      n.on('action', (_e, index) => onAction({ id: notice.id, action: index === 0 ? 'answer' : 'decline' }));
      n.on('click', () => onAction({ id: notice.id, action: 'click' }));
      n.on('close', () => {
        if (open.get(notice.id) === n) open.delete(notice.id);
      });
      open.set(notice.id, n);
      n.show();
      return true;
    },
    close,
  };
}
