// Message-IDs as the inbox keeps them: the key a letter is deduplicated, threaded and matched to
// its bounces by (messages.channel_message_id). Written "<left@right>"; one longer than the
// replica's 256 characters is kept as a hash of itself, applied alike wherever an id is looked up.
import { createHash } from 'node:crypto';

const MAX = 256;

export function messageIdKey(raw: string): string | null {
  const id = raw.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  if (!id || /[\s<>]/.test(id)) return null;
  const key = `<${id}>`;
  return key.length <= MAX ? key : `<${createHash('sha256').update(id).digest('hex')}@long-id.pult.invalid>`;
}

/** Every <…> of a header such as References or In-Reply-To, in order, as keys. */
export function messageIdKeys(header: string | string[] | undefined | null): string[] {
  const text = Array.isArray(header) ? header.join(' ') : (header ?? '');
  const found = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => messageIdKey(m[1]!));
  // A bare id without brackets (some clients), when nothing bracketed is there.
  if (!found.length && text.trim()) found.push(messageIdKey(text.trim()));
  return [...new Set(found.filter((k): k is string => k !== null))];
}

/** A letter without a Message-ID is known by its content, so reading it twice stores it once. */
export function contentMessageId(source: Uint8Array): string {
  return `<${createHash('sha256').update(source).digest('hex')}@no-message-id.pult.invalid>`;
}

/** Our own letters' Message-ID: made from the reply's id, so a resend after a crash is the same letter. */
export function ownMessageId(messageId: string, fromAddress: string): string {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(fromAddress)?.[1] ?? 'pult.invalid';
  return `<${messageId}@${domain}>`;
}

/** The subject without its Re:/Fwd:/Отв: prefixes, for matching a letter to its conversation. */
export function baseSubject(subject: string | null | undefined): string {
  let s = (subject ?? '').trim();
  for (;;) {
    const next = s.replace(/^\s*(re|fwd?|aw|wg|sv|отв|ответ|пересл)\s*(\[\d+\])?\s*:\s*/i, '');
    if (next === s) return s.replace(/\s+/g, ' ').toLowerCase();
    s = next;
  }
}
