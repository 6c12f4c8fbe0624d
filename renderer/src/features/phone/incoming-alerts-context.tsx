// Wires the incoming-call alerts into the app: the user's settings (devices, ring volume, do not
// disturb, auto-answer) into the device watcher and the alerts controller, the ringtone and beep on
// the chosen devices, desktop notifications, and words for the agent when a chosen device goes away
// or comes back and when do not disturb declines a call.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { DEFAULT_AUDIO_SETTINGS, DEFAULT_AUTO_ANSWER } from '../../../../contract/config.ts';
import { useSettings } from '../../api/hooks.ts';
import { audioDevices } from '../../sip/devices/audio-devices.ts';
import { ringer } from '../../sip/devices/ringer.ts';
import { IncomingAlerts, type IncomingAlertsSnapshot } from './incoming-alerts.ts';
import { useCallNotifier } from './incoming-notifier.ts';
import { callerLabel } from './incoming-caller.ts';
import type { PhoneCall, PhoneStore } from './phone-store.ts';

const AlertsContext = createContext<IncomingAlerts | null>(null);

export function IncomingAlertsProvider({ store, onShow, children }: { store: PhoneStore; onShow: () => void; children: ReactNode }) {
  // i18n.t, not t: the controller outlives a change of language.
  const { t, i18n } = useTranslation();
  const settings = useSettings().data;
  const notifier = useCallNotifier(store, onShow);
  const [alerts] = useState(() => {
    // The ring starts in the next task: the ringing panel is drawn and the caller's look-up answer
    // handled first (starting the sound costs the page milliseconds; a few more before it sounds
    // are not heard).
    let ringSoon: ReturnType<typeof setTimeout> | null = null;
    const cancelRing = () => {
      if (ringSoon) clearTimeout(ringSoon);
      ringSoon = null;
    };
    return new IncomingAlerts({
      store,
      sounds: {
        ring: (volume) => {
          cancelRing();
          ringSoon = setTimeout(() => {
            ringSoon = null;
            ringer.ring(audioDevices.sinkFor('ringer'), volume);
          }, 0);
        },
        stopRing: () => {
          cancelRing();
          ringer.stop();
        },
        // Auto-answer is for headsets: the beep sounds where the call will be heard.
        beep: (volume) => ringer.beep(audioDevices.sinkFor('speaker'), volume),
      },
      notifier,
      onDeclined: (call) => notifications.show({ color: 'orange', autoClose: 8000, message: i18n.t('phone.dnd.declined', { who: callerLabel(call) }) }),
    });
  });

  useEffect(() => {
    const audio = settings?.audio ?? DEFAULT_AUDIO_SETTINGS;
    audioDevices.choose({ microphone: audio.microphone, speaker: audio.speaker, ringer: audio.ringer });
    alerts.configure({ doNotDisturb: settings?.doNotDisturb ?? false, autoAnswer: settings?.autoAnswer ?? DEFAULT_AUTO_ANSWER, ringVolume: audio.ringVolume });
  }, [alerts, settings]);

  useEffect(() => {
    alerts.start();
    return () => alerts.dispose();
  }, [alerts]);

  useEffect(() => {
    const stopWatching = audioDevices.watch();
    const stopTelling = audioDevices.onTransitions((changes) => {
      for (const c of changes) {
        const device = c.label || t('phone.devices.unnamed');
        notifications.show({
          color: c.change === 'lost' ? 'orange' : 'teal',
          title: t(`phone.devices.role.${c.role}`),
          message: t(c.change === 'lost' ? 'phone.devices.lost' : 'phone.devices.back', { device }),
        });
      }
    });
    return () => {
      stopTelling();
      stopWatching();
    };
  }, [t]);

  return <AlertsContext.Provider value={alerts}>{children}</AlertsContext.Provider>;
}

export function useIncomingAlerts(): { alerts: IncomingAlerts | null; snapshot: IncomingAlertsSnapshot } {
  const alerts = useContext(AlertsContext);
  const snapshot = useSyncExternalStore(alerts?.subscribe ?? noSubscribe, alerts?.getSnapshot ?? noSnapshot);
  return { alerts, snapshot };
}

const EMPTY: IncomingAlertsSnapshot = { autoAnswer: null };
const noSubscribe = () => () => undefined;
const noSnapshot = () => EMPTY;

/** The app's "a call rings: show the Phone section", except under do not disturb (declined at once). */
export function useUnlessDnd(onRinging: (call: PhoneCall) => void): (call: PhoneCall) => void {
  const dnd = useSettings().data?.doNotDisturb ?? false;
  return dnd ? () => undefined : onRinging;
}
