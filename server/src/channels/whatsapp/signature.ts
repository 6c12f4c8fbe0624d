// X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw request body with the app secret.
// Checked over the bytes as received (re-serialised JSON would differ), in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signatureValid(rawBody: Buffer, header: string | string[] | undefined, appSecret: string): boolean {
  if (typeof header !== 'string') return false;
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(m[1]!.toLowerCase(), 'hex'), expected);
}

export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}
