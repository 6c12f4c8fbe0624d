// How a call's number and duration read: Russian numbers nationally, extensions as they are;
// durations as m:ss or h:mm:ss.
import { formatPhone } from '../customers/format.ts';

export function callNumberText(number: string): string {
  return number.startsWith('+') ? formatPhone(number) : number;
}

export function durationText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
