// A first look at every frame the SIP server sends, before JsSIP parses it: SIP over WebSocket is
// text, one whole message a frame (RFC 7118). A frame too big, not starting like SIP, cut short or
// with a body of another length than it says is refused and reported, so a hostile or broken peer
// costs a log line, not a parser's time or the UA's state.
export const MAX_SIP_FRAME = 64 * 1024;

export type RefusalReason = 'oversized' | 'not_text' | 'malformed' | 'truncated' | 'too_many_calls';

export interface Refusal {
  at: string;
  reason: RefusalReason;
  /** The start of the message, control characters escaped, for the log. */
  sample: string;
}

export type Screened = { ok: true; text: string } | { ok: false; reason: RefusalReason; sample: string };

const REQUEST_LINE = /^[A-Za-z][A-Za-z0-9.!%*_+`'~-]{0,31} [^ \r\n]{1,2048} SIP\/2\.0\r\n/;
const STATUS_LINE = /^SIP\/2\.0 [1-6]\d\d [^\r\n]{0,256}\r\n/;
const CONTENT_LENGTH = /\r\n(?:content-length|l)[ \t]*:[ \t]*(\d+)[ \t]*\r\n/i;

const escaped = (c: string) => (c === '\r' ? '\\r' : c === '\n' ? '\\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export function sampleOf(text: string): string {
  return [...text.slice(0, 120)].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? escaped(c) : c)).join('');
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function screenSipFrame(data: unknown): Screened {
  let text: string;
  if (typeof data === 'string') text = data;
  else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    if (data.byteLength > MAX_SIP_FRAME) return { ok: false, reason: 'oversized', sample: `${data.byteLength} bytes` };
    try {
      text = decoder.decode(data);
    } catch {
      return { ok: false, reason: 'not_text', sample: `${data.byteLength} bytes, not UTF-8` };
    }
  } else return { ok: false, reason: 'not_text', sample: typeof data };
  // A bare CRLF is the server's keep-alive pong (RFC 5626), which JsSIP expects.
  if (text === '\r\n') return { ok: true, text };
  if (text.length > MAX_SIP_FRAME) return { ok: false, reason: 'oversized', sample: `${text.length} characters: ${sampleOf(text)}` };
  if (!REQUEST_LINE.test(text) && !STATUS_LINE.test(text)) return { ok: false, reason: 'malformed', sample: sampleOf(text) };
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return { ok: false, reason: 'truncated', sample: sampleOf(text) };
  const declared = CONTENT_LENGTH.exec(text.slice(0, end + 2));
  if (declared) {
    const body = new TextEncoder().encode(text.slice(end + 4)).byteLength;
    if (body !== Number(declared[1])) return { ok: false, reason: 'truncated', sample: `body ${body} of ${declared[1]} bytes: ${sampleOf(text)}` };
  }
  return { ok: true, text };
}
