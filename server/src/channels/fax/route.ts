// Faxes come as letters from an e-mail-to-fax gateway: the sender's number where the configured
// rule finds it (a regular expression on the subject, or on a header the gateway sets), normalised
// to E.164; the pages are the PDF and TIFF attachments. A letter without a number or without pages
// is kept all the same (under "unknown", with whatever it carried) and logged, for an operator to see.
import { normalizePhone } from '../../customers/normalize-phone.ts';
import type { LetterRoute } from '../email/receive-letter.ts';
import type { Letter } from '../email/parse-letter.ts';
import type { FaxNumberRule } from '../email/settings.ts';

/** The conversation of faxes whose number the rule did not find. */
export const UNKNOWN_FAX_NUMBER = 'unknown';

const PAGE_TYPES = /^(application\/pdf|image\/tiff|image\/tif)$/;

export function faxNumberOf(letter: Letter, rule: FaxNumberRule): string | null {
  const text = rule.source.kind === 'subject' ? letter.subject : letter.header(rule.source.name);
  if (!text) return null;
  const m = rule.pattern.exec(text);
  if (!m) return null;
  return normalizePhone((m[1] ?? m[0]).trim());
}

export function faxRoute(rule: FaxNumberRule): LetterRoute {
  return {
    channel: 'fax',
    place(letter, log) {
      const number = faxNumberOf(letter, rule);
      const pages = letter.files.filter((f) => PAGE_TYPES.test(f.mimeType) || /\.(pdf|tiff?)$/i.test(f.fileName));
      if (!number) log.warn({ channel: 'fax', messageId: letter.messageId }, 'fax letter without a sender number the rule finds: kept under "unknown"');
      if (!pages.length) log.warn({ channel: 'fax', messageId: letter.messageId, files: letter.files.length }, 'fax letter without a PDF or TIFF attachment: kept as it is');
      return {
        externalAddress: number ?? UNKNOWN_FAX_NUMBER,
        contact: number ? { phones: [number] } : {},
        body: letter.body,
        files: pages.length ? [...pages, ...letter.files.filter((f) => !pages.includes(f))] : letter.files,
      };
    },
  };
}

/** The gateway's address of a number: {number} is its E.164 digits without the +. */
export function gatewayAddressOf(pattern: string, e164: string): string {
  return pattern.replace('{number}', e164.replace(/^\+/, ''));
}
