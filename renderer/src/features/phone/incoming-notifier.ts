// A desktop notification for a call that rings while Pult is in the background. The host shows it
// (the desktop app: a native notification, with Answer / Decline on macOS, and the buttons come back
// as `notify.action`); the browser host cannot, so the page shows a Web Notification. A page's
// notification gets no action buttons — those need a service worker's showNotification, which this
// app does not register — so a click on it brings the Phone section up, where the agent answers.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePult } from '../../api/api-context.tsx';
import type { CallNotifier } from './incoming-alerts.ts';
import { callerLabel } from './incoming-caller.ts';
import type { PhoneCall, PhoneStore } from './phone-store.ts';

export function useCallNotifier(store: Pick<PhoneStore, 'act'>, onShow: () => void): CallNotifier {
  const api = usePult();
  const { t } = useTranslation();
  const latest = useRef({ t, onShow });
  useEffect(() => {
    latest.current = { t, onShow };
  }, [t, onShow]);

  const [notifier] = useState<CallNotifier>(() => {
    const pageNotices = new Map<string, Notification>();
    const bringUp = () => {
      window.focus();
      latest.current.onShow();
    };
    const showInPage = (id: string, title: string, body: string) => {
      if (typeof Notification === 'undefined') return;
      const open = () => {
        const n = new Notification(title, { body, tag: `pult-call-${id}`, requireInteraction: true, silent: true });
        n.onclick = () => {
          bringUp();
          n.close();
        };
        pageNotices.set(id, n);
      };
      if (Notification.permission === 'granted') open();
      else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && open());
    };
    return {
      show(call: PhoneCall) {
        if (document.hasFocus()) return; // the agent sees the panel already
        const tr = latest.current.t;
        const id = call.snapshot.id;
        const title = tr('phone.alerts.title');
        const body = callerLabel(call);
        api
          .invoke('notify.incomingCall', { id, title, body, answerLabel: tr('phone.call.answer'), declineLabel: tr('phone.call.decline') })
          .then(
            (r) => r.shown || showInPage(id, title, body),
            () => showInPage(id, title, body),
          );
      },
      close(id: string) {
        pageNotices.get(id)?.close();
        pageNotices.delete(id);
        api.invoke('notify.closeCall', { id }).catch(() => undefined);
      },
    };
  });

  useEffect(
    () =>
      api.on('notify.action', ({ id, action }) => {
        if (action === 'click') return latest.current.onShow();
        store.act(id, action);
        if (action === 'answer') latest.current.onShow();
      }),
    [api, store],
  );
  return notifier;
}
