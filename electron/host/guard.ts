// Who may talk to the browser host. The WebSocket needs both the per-run token (from index.html,
// which only a page served by this host can read) and the host's own Origin (so another site, or
// a DNS-rebinding page that managed to read the token, is still refused). HTTP requests must name
// this host in Host, which defeats DNS rebinding for the page itself.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { HOST_TOKEN_PARAM, HOST_WS_PATH } from '../../contract/host-wire.ts';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison that does not leak the length either (both sides are hashed first). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

export type UpgradeVerdict = { ok: true } | { ok: false; status: 400 | 401 | 403 | 404 | 421; reason: string };

export interface UpgradeRequest {
  url: string | undefined;
  headers: { origin?: string | undefined; host?: string | undefined };
}

export function checkUpgrade(req: UpgradeRequest, expected: { token: string; origin: string }): UpgradeVerdict {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', expected.origin);
  } catch {
    return { ok: false, status: 400, reason: 'bad request URL' };
  }
  if (url.pathname !== HOST_WS_PATH) return { ok: false, status: 404, reason: 'no such endpoint' };
  if (req.headers.host !== new URL(expected.origin).host) return { ok: false, status: 421, reason: 'wrong Host' };
  const tokens = url.searchParams.getAll(HOST_TOKEN_PARAM);
  if (tokens.length !== 1 || !tokensEqual(tokens[0]!, expected.token)) return { ok: false, status: 401, reason: 'missing or wrong token' };
  if (req.headers.origin !== expected.origin) return { ok: false, status: 403, reason: 'foreign Origin' };
  return { ok: true };
}
