// tel:, sip: and callto: links the OS hands to Pult (argv on Windows and Linux, open-url on macOS),
// turned into the `protocol.link` event. The target is kept as it came (decoded); the phone feature
// normalises it and asks the operator before dialling.
import { ProtocolLink } from '../../../contract/ipc.ts';

export const LINK_SCHEMES = ['tel', 'sip', 'callto'] as const;

export function parseProtocolLink(raw: unknown): ProtocolLink | null {
  if (typeof raw !== 'string' || raw.length > 1024) return null;
  const m = /^(tel|sip|callto):(.*)$/is.exec(raw.trim());
  if (!m) return null;
  let target = m[2]!.replace(/^\/\//, '');
  try {
    target = decodeURIComponent(target);
  } catch {
    return null;
  }
  target = target.replace(/\/$/, '').trim();
  // Control characters have no place in a number or SIP address.
  if ([...target].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  const r = ProtocolLink.safeParse({ scheme: m[1]!.toLowerCase(), target });
  return r.success ? r.data : null;
}

/** The first protocol link in a command line (a second instance's argv, or our own at start). */
export function findProtocolLink(argv: readonly string[]): ProtocolLink | null {
  for (const arg of argv) {
    const link = parseProtocolLink(arg);
    if (link) return link;
  }
  return null;
}
