// The renderer's Content-Security-Policy, one builder for both hosts (Electron's session headers and
// the browser host's HTTP header).
//
// style-src has 'unsafe-inline' because Mantine (our UI library) injects its CSS variables and
// component styles as <style> elements at runtime, and components set `style` attributes. Scripts
// stay strict: no 'unsafe-inline', no 'unsafe-eval'. (Mantine can take a nonce through
// MantineProvider's getStyleNonce; worth doing once the host injects a per-load nonce.)
import { WsUrl } from '../../../contract/config.ts';

export interface CspOptions {
  /** SIP-over-WebSocket servers the renderer's JsSIP connects to (IT preset sip.websocketUris). */
  sipWebsocketUris?: readonly string[];
  /** Extra connect-src sources: the browser host's own ws://127.0.0.1:PORT, a dev server's HMR. */
  extraConnectSrc?: readonly string[];
}

/** Keeps only well-formed ws(s) origins+paths; a source with ; or spaces could inject a directive. */
function safeSource(uri: string): string | null {
  if (!WsUrl.safeParse(uri).success && !/^https?:\/\//.test(uri)) return null;
  try {
    const u = new URL(uri);
    if (u.username || u.password) return null;
    const source = `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
    return /^[a-z]+:\/\/[A-Za-z0-9.\-[\]:]+(\/[A-Za-z0-9._~!$&'()*+=:@%/-]*)?$/.test(source) && !/[;,\s]/.test(source) ? source : null;
  } catch {
    return null;
  }
}

export function buildCsp(opts: CspOptions = {}): string {
  const connect = new Set(["'self'"]);
  for (const uri of [...(opts.sipWebsocketUris ?? []), ...(opts.extraConnectSrc ?? [])]) {
    const s = safeSource(uri);
    if (s) connect.add(s);
  }
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['media-src', ["'self'", 'blob:']],
    ['connect-src', [...connect]],
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Headers that go with every page response, besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), geolocation=(), payment=(), usb=(), microphone=(self)',
};
