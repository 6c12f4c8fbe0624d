// The app's pages load from app://pult/ (a privileged standard scheme) rather than file://, so they
// have a real origin for CSP 'self', permissions and the IPC sender check, and cannot read the disk.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_HOST, APP_SCHEME } from '../services/security/url-policy.ts';
import { contentType, resolveStaticPath } from '../services/security/static-path.ts';
import { SECURITY_HEADERS } from '../services/security/csp.ts';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** `beforeDocument` runs before an HTML page is served (the CSP re-reads the SIP servers then). */
export function serveRenderer(rendererDir: string, csp: () => string, beforeDocument?: () => Promise<unknown>): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (path?.endsWith('.html')) await beforeDocument?.();
    const headers = { 'content-security-policy': csp(), ...SECURITY_HEADERS };
    if (!path || request.method !== 'GET') return new Response('not found', { status: 404, headers });
    try {
      const body = await readFile(path);
      return new Response(body, { headers: { ...headers, 'content-type': contentType(path) } });
    } catch {
      return new Response('not found', { status: 404, headers });
    }
  });
}
