// Letters as mail servers deliver them, built with nodemailer's own MIME composer (UTF-8), or by
// hand where a test needs bytes no composer writes: KOI8-R and windows-1251 bodies, broken MIME.
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

export function compose(opts: Mail.Options): Promise<Buffer> {
  return new MailComposer(opts).compile().build();
}

/** Bytes of a text in a single-byte Cyrillic charset, from the platform's own decoder table. */
export function encodeSingleByte(text: string, charset: 'koi8-r' | 'windows-1251'): Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`"${ch}" is not in ${charset}`);
    return b;
  }));
}

/** A plain letter whose headers and body are given as bytes (CRLF line ends). */
export function rawLetter(headers: Record<string, string>, body: Buffer | string): Buffer {
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body]);
}

/** An RFC 2047 encoded word in a single-byte charset (base64). */
export function encodedWord(text: string, charset: 'koi8-r' | 'windows-1251'): string {
  return `=?${charset}?B?${encodeSingleByte(text, charset).toString('base64')}?=`;
}
