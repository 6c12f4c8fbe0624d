// Desktop notifications of customers' new messages, for as long as the agent is signed in
// (mounted beside the workspace, whatever section is on screen). After each sync it asks the
// replica what arrived since its watermark (arrivals-watcher.ts; inbox.arrivals decides: own
// conversations, the queue when asked for, not the one being read in a focused window, nothing
// the first sync brought) and shows a notice each, a few at most and then a summary. The
// notification is the browser's Notification, which the desktop app shows as a native one (and
// grants to its own page, shell/hardening.ts); a click brings Pult up with the conversation open.
import { useEffect, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { InboxNotice } from '../../../../contract/inbox-ipc.ts';
import { usePult } from '../../api/api-context.tsx';
import { useSyncStatus } from '../../api/hooks.ts';
import { conversationOnScreen, requestOpen } from './inbox-open-request.ts';
import { queueNotificationsWanted } from './inbox-notify-settings.ts';
import { useSyncKey } from './use-inbox.ts';
import { createArrivalsWatcher, type ArrivalsWatcher } from './arrivals-watcher.ts';

/** Shown one by one; beyond these, one notice sums up the rest. */
const SHOWN_MAX = 3;

export function InboxNotifier() {
  const api = usePult();
  const { t } = useTranslation();
  const fresh = useSyncKey();
  const status = useSyncStatus().data;
  const tr = useRef(t);
  useEffect(() => {
    tr.current = t;
  }, [t]);
  const watcher = useRef<ArrivalsWatcher | null>(null);
  useEffect(() => {
    watcher.current = createArrivalsWatcher({
      look: (input) => api.invoke('inbox.arrivals', input),
      context: () => ({ openConversationId: conversationOnScreen(), focused: document.hasFocus(), queue: queueNotificationsWanted() }),
      show: (notices) => show(notices, tr.current),
    });
    return () => {
      watcher.current = null;
    };
  }, [api]);
  useEffect(() => {
    if (status?.progress?.firstSync) watcher.current?.firstSyncRunning();
  }, [status]);
  useEffect(() => {
    if (fresh !== 'none') void watcher.current?.synced();
  }, [fresh]);
  return null;
}

function show(notices: readonly InboxNotice[], t: TFunction) {
  if (notices.length === 0 || typeof Notification === 'undefined') return;
  const open = () => {
    for (const n of notices.slice(0, SHOWN_MAX)) {
      const title = t(n.kind === 'assigned' ? 'inboxNotify.assigned' : 'inboxNotify.queue', { from: n.from });
      const body = `${t(`inbox.channel.${n.channel}`)}: ${n.preview || t('inboxNotify.noText')}`;
      const note = new Notification(title, { body, tag: `pult-inbox-${n.conversationId}` });
      note.onclick = () => {
        window.focus();
        location.hash = '/inbox';
        requestOpen({ id: n.conversationId, customerId: n.customerId, externalAddress: n.externalAddress });
        note.close();
      };
    }
    if (notices.length > SHOWN_MAX) {
      const rest = new Notification(t('inboxNotify.more', { n: notices.length - SHOWN_MAX }), { tag: 'pult-inbox-more' });
      rest.onclick = () => {
        window.focus();
        location.hash = '/inbox';
        rest.close();
      };
    }
  };
  if (Notification.permission === 'granted') open();
  else if (Notification.permission === 'default') void Notification.requestPermission().then((p) => p === 'granted' && open());
}
