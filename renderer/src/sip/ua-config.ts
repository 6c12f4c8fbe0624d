// The SIP account as JsSIP's UA configuration. Sockets are made by the caller (they are browser
// objects); everything else is plain data, so it is unit-tested.
import type { UAConfiguration } from 'jssip/lib/UA';
import type { SipAccount } from '../../../contract/sip.ts';

/** The account's SIP domain: the one set, else the first WebSocket server's host. */
export function sipDomain(account: SipAccount): string {
  return account.domain ?? new URL(account.websocketUris[0]!).hostname;
}

export function uaConfig(account: SipAccount, password: string | undefined): Omit<UAConfiguration, 'sockets'> {
  return {
    uri: `sip:${account.extension}@${sipDomain(account)}`,
    authorization_user: account.authUser ?? account.extension,
    ...(password !== undefined ? { password } : {}),
    ...(account.displayName ? { display_name: account.displayName } : {}),
    register: true,
    register_expires: account.registerExpires,
    // Session timers would re-INVITE every 90 s; the PBX watches the dialog itself.
    session_timers: false,
    // Reconnect with backoff between 2 s and 30 s, moving through the URIs in order.
    connection_recovery_min_interval: 2,
    connection_recovery_max_interval: 30,
    user_agent: 'Pult',
  };
}

/** JsSIP picks the socket of highest weight first: the list order is the order of preference. */
export function socketWeights(uris: readonly string[]): Array<{ uri: string; weight: number }> {
  return uris.map((uri, i) => ({ uri, weight: uris.length - i }));
}
