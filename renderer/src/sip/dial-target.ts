// What the operator typed into the dial field, read as something to call: an internal extension
// («1002», «*97»), a phone number in any Russian form («8 (495) 642-85-85», «+7 495 6428585»,
// «84956428585») dialled as E.164, or a SIP URI as is.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export type DialTarget =
  | { kind: 'extension'; user: string }
  | { kind: 'phone'; user: string }
  | { kind: 'uri'; uri: string };

/** Longest number still taken for an internal extension. */
const MAX_EXTENSION = 6;

export function dialTarget(input: string): DialTarget | null {
  const text = input.trim();
  if (/^sips?:[^\s@]+@[^\s@]+$/i.test(text)) return { kind: 'uri', uri: text };
  const compact = text.replace(/[\s().-]/g, '');
  if (/^[0-9*#]{1,}$/.test(compact) && compact.length <= MAX_EXTENSION) return { kind: 'extension', user: compact };
  if (!/^\+?\d+$/.test(compact)) return null;
  const phone = parsePhoneNumberFromString(compact, 'RU');
  return phone && phone.isValid() ? { kind: 'phone', user: phone.number } : null;
}

/** The SIP URI to send the INVITE to. */
export function dialUri(target: DialTarget, domain: string): string {
  return target.kind === 'uri' ? target.uri : `sip:${target.user}@${domain}`;
}
