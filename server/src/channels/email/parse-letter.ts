// One letter's source (RFC 5322 / MIME) into what the inbox keeps, with mailparser: charsets
// (KOI8-R, windows-1251, encoded words, RFC 2231 file names) decoded to UTF-8, the HTML part as it
// came (the client sanitises it before showing it; nothing here renders it), else the plain text;
// attachments above the size limit listed as refused. A source mailparser cannot read at all is
// kept whole as message.eml, so no letter is ever lost.
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { cleanFileName, cleanMimeType, type IncomingFile } from '../attachment-store.ts';
import { contentMessageId, messageIdKey, messageIdKeys } from './message-id.ts';

export interface Letter {
  /** The Message-ID key (or one made from the content when the letter has none). */
  messageId: string;
  inReplyTo: string | null;
  /** References, oldest first, as keys. */
  references: string[];
  fromAddress: string | null;
  fromName: string | null;
  subject: string | null;
  /** The Date header, else when the mailbox received it. */
  sentAt: Date;
  /** The HTML part verbatim if there is one, else the plain text. */
  body: string;
  files: IncomingFile[];
  /** Header lines by lower-case name (first occurrence), for the fax number rule. */
  header(name: string): string | null;
  /** Content type of the top part, e.g. multipart/report; report-type=delivery-status. */
  contentType: string;
  /** mailparser could not read the source: body says so and the source is message.eml. */
  unreadable: boolean;
}

/** What an operator reads in place of a letter that could not be read (the source is attached). */
export const UNREADABLE_BODY = 'Письмо не удалось прочитать: оно приложено целиком как message.eml.';

/** PostgreSQL text cannot hold NUL; everything else is kept as it came. */
// eslint-disable-next-line no-control-regex
const noNul = (s: string) => s.replace(/\u0000/g, '');

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address: string | null; name: string | null } {
  const v = (Array.isArray(a) ? a[0] : a)?.value[0];
  return { address: v?.address ? noNul(v.address.trim().toLowerCase()) : null, name: v?.name ? noNul(v.name) : null };
}

function headerText(mail: ParsedMail, name: string): string | null {
  const line = mail.headerLines.find((h) => h.key === name);
  if (!line) return null;
  const value = line.line.slice(line.line.indexOf(':') + 1);
  return value.replace(/\r?\n[ \t]+/g, ' ').trim();
}

export async function parseLetter(source: Buffer, opts: { maxBytes: number; receivedAt: Date }): Promise<Letter> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true, keepDeliveryStatus: true });
  } catch {
    return unreadableLetter(source, opts);
  }
  const from = firstAddress(mail.from);
  const files: IncomingFile[] = mail.attachments.map((a, i) => {
    const fileName = cleanFileName(a.filename, `attachment-${i + 1}`);
    const mimeType = cleanMimeType(a.contentType);
    return a.size > opts.maxBytes ? { fileName, mimeType, size: a.size, refused: 'too_large' as const } : { fileName, mimeType, bytes: a.content };
  });
  const contentType = mail.headers.get('content-type');
  return {
    messageId: (mail.messageId && messageIdKey(mail.messageId)) || contentMessageId(source),
    inReplyTo: messageIdKeys(mail.inReplyTo)[0] ?? null,
    references: messageIdKeys(mail.references),
    fromAddress: from.address,
    fromName: from.name,
    subject: mail.subject === undefined ? null : noNul(mail.subject),
    sentAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : opts.receivedAt,
    body: noNul(typeof mail.html === 'string' && mail.html.trim() ? mail.html : (mail.text ?? '')),
    files,
    header: (name) => headerText(mail, name.toLowerCase()),
    contentType: typeof contentType === 'object' && contentType && 'value' in contentType
      ? `${String(contentType.value)}${'params' in contentType ? Object.entries(contentType.params as Record<string, string>).map(([k, v]) => `; ${k}=${v}`).join('') : ''}`.toLowerCase()
      : String(contentType ?? 'text/plain').toLowerCase(),
    unreadable: false,
  };
}

/** The letter kept whole, as a file, with what little its raw headers say. */
export function unreadableLetter(source: Buffer, opts: { maxBytes: number; receivedAt: Date }): Letter {
  const head = source.subarray(0, 64 * 1024).toString('latin1');
  const raw = (name: string) => new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head)?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim() ?? null;
  const fromHeader = raw('from');
  const address = fromHeader ? /([^\s<>"@]+@[^\s<>"@]+)/.exec(fromHeader)?.[1]?.toLowerCase() ?? null : null;
  const file: IncomingFile = source.byteLength > opts.maxBytes
    ? { fileName: 'message.eml', mimeType: 'message/rfc822', size: source.byteLength, refused: 'too_large' }
    : { fileName: 'message.eml', mimeType: 'message/rfc822', bytes: source };
  return {
    messageId: (raw('message-id') && messageIdKeys(raw('message-id'))[0]) || contentMessageId(source),
    inReplyTo: null,
    references: [],
    fromAddress: address,
    fromName: null,
    subject: null,
    sentAt: opts.receivedAt,
    body: UNREADABLE_BODY,
    files: [file],
    header: (name) => raw(name),
    contentType: 'text/plain',
    unreadable: true,
  };
}
