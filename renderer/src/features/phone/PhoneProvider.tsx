// Holds the Phone store for the signed-in agent: starts the softphone once the SIP account and its
// password are known (restarts it when they change, stops it on sign-out), refreshes the history
// when a call is logged, and pops the Phone section when a call rings.
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { usePult } from '../../api/api-context.tsx';
import { errorMessage } from '../../i18n/error-message.ts';
import { WAKE_EVENT } from '../../sip/network-recovery.ts';
import { Softphone } from '../../sip/softphone.ts';
import { PhoneStore, type PhoneCall, type PhoneSnapshot, type PhoneStoreCall } from './phone-store.ts';
import { phoneKeys, usePhoneAccount, usePhonePassword } from './use-phone-api.ts';
import { ProtocolLinkConfirm } from './ProtocolLinkConfirm.tsx';
import { usePhoneHotkeys } from './use-phone-hotkeys.ts';
import { audioDevices } from '../../sip/devices/audio-devices.ts';
import { IncomingAlertsProvider, useUnlessDnd } from './incoming-alerts-context.tsx';
import { customerCardQuery, useCustomerFreshness } from '../customers/use-customers.ts';

const PhoneContext = createContext<PhoneStore | null>(null);
/** Brings up the Phone section (after a click-to-call), as a ringing call does. */
const ShowPhoneContext = createContext<() => void>(() => undefined);

const WHAT: Record<PhoneStoreCall, string> = { 'agent.setState': 'agentState', 'customers.search': 'lookup', 'calls.log': 'callLog' };

export function PhoneProvider({ children, onRinging, onShow }: { children: ReactNode; onRinging: (call: PhoneCall) => void; onShow: () => void }) {
  const api = usePult();
  const qc = useQueryClient();
  const { t } = useTranslation();
  const ringing = useLatest(useUnlessDnd(onRinging)); // the latest onRinging without re-creating the store
  const fresh = useLatest(useCustomerFreshness());
  const [store] = useState(
    () =>
      new PhoneStore({
        api,
        createSoftphone: ({ account, password, captureHeaders }) => new Softphone({ account, password, captureHeaders, audioInput: audioDevices.microphone }),
        onChanged: () => {
          void qc.invalidateQueries({ queryKey: phoneKeys.history });
          void qc.invalidateQueries({ queryKey: phoneKeys.tasks });
        },
        onRinging: (call) => ringing.current(call),
        onError: (what, e) => notifications.show({ color: 'red', title: t(`phone.errors.${WHAT[what]}`), message: errorMessage(t, e) }),
        // The caller's card is fetched as soon as the look-up names them, not after a render.
        prefetchCustomer: (id) => qc.prefetchQuery(customerCardQuery(api, id, fresh.current)),
      }),
  );
  const account = usePhoneAccount();
  const hasPassword = account.data?.hasPassword ?? false;
  const password = usePhonePassword(hasPassword);

  const sip = account.data?.account ?? null;
  const ready = sip && (!hasPassword || password.data);
  const pw = hasPassword ? (password.data?.password ?? undefined) : undefined;
  useEffect(() => {
    if (ready) store.configure(sip, pw);
    else if (account.data) store.configure(null, undefined);
  }, [store, ready, sip, pw, account.data]);
  useEffect(() => () => store.dispose(), [store]);
  usePhoneHotkeys(store);
  // The desktop app hears the PC wake before the page's own clock watch does (network-recovery.ts).
  useEffect(() => api.on('system.resumed', () => window.dispatchEvent(new Event(WAKE_EVENT))), [api]);
  useEffect(() => {
    api.invoke('agent.getState', {}).then(
      (saved) => store.restoreAgentState(saved && { state: saved.state, reason: saved.reason }),
      () => undefined, // nothing kept: the agent starts Offline and picks a state
    );
  }, [store, api]);

  return (
    <PhoneContext.Provider value={store}>
      <ShowPhoneContext.Provider value={onShow}>
        <IncomingAlertsProvider store={store} onShow={onShow}>{children}</IncomingAlertsProvider>
        <ProtocolLinkConfirm store={store} onDialled={onShow} />
      </ShowPhoneContext.Provider>
    </PhoneContext.Provider>
  );
}

/** A ref that always holds the latest value, for callbacks made once. */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}

export function usePhoneStore(): PhoneStore {
  const store = useContext(PhoneContext);
  if (!store) throw new Error('usePhoneStore outside PhoneProvider');
  return store;
}

export function useShowPhone(): () => void {
  return useContext(ShowPhoneContext);
}

/**
 * One part of the phone's state; the view re-renders when that part changes, not on every change
 * (a ringing call changes the state many times a second, and each render then holds the screen pop
 * back). `select` must return a primitive or a part of the snapshot as it is (no new objects).
 */
export function usePhoneSelect<T>(select: (s: PhoneSnapshot) => T): T {
  const store = usePhoneStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}

/** Whether a call can be placed now (registered, no call in progress). */
export function useCanDial(): boolean {
  return usePhoneSelect((s) => s.registration.status === 'registered' && s.calls.length === 0);
}

export function usePhone(): PhoneSnapshot {
  const store = usePhoneStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
