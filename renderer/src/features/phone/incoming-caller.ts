// How a ringing call's caller reads in a notification: the name the far end gave, else the number.
import { callNumberText } from './call-format.ts';
import type { PhoneCall } from './phone-store.ts';

export function callerLabel(call: PhoneCall): string {
  const number = callNumberText(call.facts.number);
  const name = call.snapshot.remoteName?.trim();
  return name && name !== call.facts.number ? `${name} (${number})` : number;
}
