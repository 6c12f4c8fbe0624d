// The number a call is filed under: the far end's SIP user part read like the dial field reads
// what the operator types («89161234567», «+7 916…» → E.164; an extension stays as it is), so the
// screen pop and the call history find the customer whatever form the PBX sends.
import { dialTarget } from '../../sip/dial-target.ts';

export function callerNumber(remoteUser: string): string {
  const user = remoteUser.trim();
  const target = dialTarget(user);
  if (target?.kind === 'phone' || target?.kind === 'extension') return target.user;
  // A display-only user part (anonymous, letters): kept, cut to what the call log takes.
  return user.slice(0, 64) || 'anonymous';
}

/** Only numbers worth a customer look-up: E.164 phones, not internal extensions. */
export function isPhoneNumber(number: string): boolean {
  return /^\+\d{8,15}$/.test(number);
}
