// The pure security pieces: CSP, which URLs may be navigated to or opened, tel:/sip:/callto: links,
// static file paths under the renderer dir, the host's upgrade guard and token meta.
import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../../electron/services/security/csp.ts';
import { APP_ORIGIN, appOrigins, externalUrl, isAllowedNavigation, isAppUrl } from '../../../electron/services/security/url-policy.ts';
import { findProtocolLink, parseProtocolLink } from '../../../electron/services/security/protocol-link.ts';
import { resolveStaticPath } from '../../../electron/services/security/static-path.ts';
import { checkUpgrade, tokensEqual } from '../../../electron/host/guard.ts';
import { withHostToken } from '../../../electron/host/index-html.ts';
import { createEventBus } from '../../../electron/ipc/event-bus.ts';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
}

describe('CSP', () => {
  it('is strict for scripts, objects, framing, base and forms', () => {
    const d = directives(buildCsp());
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(buildCsp()).not.toMatch(/unsafe-eval/);
    expect(d.get('script-src')!.join(' ')).not.toMatch(/unsafe-inline/);
  });

  it('adds the configured SIP WebSocket servers and the host socket to connect-src, and nothing unsafe', () => {
    const d = directives(
      buildCsp({
        sipWebsocketUris: ['wss://pbx1.example.ru:8089/ws', 'wss://pbx2.example.ru/ws', "wss://evil.ru/; script-src 'unsafe-eval'", 'wss://u:p@x.ru', 'javascript:alert(1)'],
        extraConnectSrc: ['ws://127.0.0.1:1234/pult-ws'],
      }),
    );
    expect(d.get('connect-src')).toEqual(["'self'", 'wss://pbx1.example.ru:8089/ws', 'wss://pbx2.example.ru/ws', 'ws://127.0.0.1:1234/pult-ws']);
    expect([...d.keys()].filter((k) => k === 'script-src')).toHaveLength(1);
    expect(d.get('script-src')).toEqual(["'self'"]);
  });
});

describe('URL policy', () => {
  const origins = appOrigins(null);
  it('navigation only to the app itself', () => {
    expect(isAllowedNavigation(`${APP_ORIGIN}/index.html#/inbox`, origins)).toBe(true);
    for (const url of ['https://evil.ru/', 'file:///etc/passwd', 'app://other/index.html', 'javascript:alert(1)', 'data:text/html,x', '', 42, null]) {
      expect(isAllowedNavigation(url, origins)).toBe(false);
    }
  });
  it("the dev server counts as the app only when it is on loopback", () => {
    expect(appOrigins('http://localhost:5173')).toContain('http://localhost:5173');
    expect(appOrigins('http://evil.ru:5173')).toEqual([APP_ORIGIN]);
    expect(isAppUrl('http://localhost:5173/x', appOrigins('http://localhost:5173/'))).toBe(true);
  });
  it('external: http(s) only, no credentials', () => {
    expect(externalUrl('https://example.ru/a?b=1')).toBe('https://example.ru/a?b=1');
    expect(externalUrl('http://example.ru')).toBe('http://example.ru/');
    for (const url of ['file:///C:/Windows/system32/calc.exe', 'smb://host/share', 'javascript:alert(1)', 'https://u:p@example.ru', 'ms-msdt:/id', 'x'.repeat(3000), undefined]) {
      expect(externalUrl(url)).toBeNull();
    }
  });
});

describe('protocol links', () => {
  it.each([
    ['tel:+74956428585', { scheme: 'tel', target: '+74956428585' }],
    ['tel:+7%20(495)%20642-85-85', { scheme: 'tel', target: '+7 (495) 642-85-85' }],
    ['TEL:84956428585', { scheme: 'tel', target: '84956428585' }],
    ['callto://+74956428585/', { scheme: 'callto', target: '+74956428585' }],
    ['sip:1001@pbx.example.ru', { scheme: 'sip', target: '1001@pbx.example.ru' }],
  ])('%s', (raw, link) => {
    expect(parseProtocolLink(raw)).toEqual(link);
  });
  it.each(['tel:', 'http://x', 'tel:%E0%A4%A', 'tel:1%0A2', 'sips:x', 'tel:' + '1'.repeat(300)])('refuses %s', (raw) => {
    expect(parseProtocolLink(raw)).toBeNull();
  });
  it('finds the link in a forwarded command line', () => {
    expect(findProtocolLink(['/opt/Pult/pult', '--no-sandbox', 'tel:+74956428585'])).toEqual({ scheme: 'tel', target: '+74956428585' });
    expect(findProtocolLink(['/opt/Pult/pult'])).toBeNull();
  });
});

describe('static paths', () => {
  const root = '/srv/renderer';
  it('maps into the root and refuses escapes', () => {
    expect(resolveStaticPath(root, '/')).toBe('/srv/renderer/index.html');
    expect(resolveStaticPath(root, '/assets/app.js?v=1')).toBe('/srv/renderer/assets/app.js');
    for (const p of ['/../etc/passwd', '/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc', '/a%00b', '/..\\..\\x', '/%E0%A4%A']) {
      const r = resolveStaticPath(root, p);
      expect(r === null || r.startsWith(root + '/'), `${p} → ${r}`).toBe(true);
    }
    expect(resolveStaticPath(root, '/../etc/passwd')).toBe('/srv/renderer/etc/passwd');
  });
});

describe('browser host guard', () => {
  const expected = { token: 'secret-token', origin: 'http://127.0.0.1:4000' };
  const req = (url: string, origin?: string, host = '127.0.0.1:4000') => ({ url, headers: { origin, host } });
  it('needs the path, the Host, the token and the Origin', () => {
    expect(checkUpgrade(req('/pult-ws?token=secret-token', expected.origin), expected)).toEqual({ ok: true });
    expect(checkUpgrade(req('/other?token=secret-token', expected.origin), expected)).toMatchObject({ status: 404 });
    expect(checkUpgrade(req('/pult-ws', expected.origin), expected)).toMatchObject({ status: 401 });
    expect(checkUpgrade(req('/pult-ws?token=secret', expected.origin), expected)).toMatchObject({ status: 401 });
    expect(checkUpgrade(req('/pult-ws?token=secret-token&token=secret-token', expected.origin), expected)).toMatchObject({ status: 401 });
    expect(checkUpgrade(req('/pult-ws?token=secret-token', 'http://evil.ru'), expected)).toMatchObject({ status: 403 });
    expect(checkUpgrade(req('/pult-ws?token=secret-token'), expected)).toMatchObject({ status: 403 });
    expect(checkUpgrade(req('/pult-ws?token=secret-token', expected.origin, 'evil.ru:4000'), expected)).toMatchObject({ status: 421 });
  });
  it('compares tokens by value', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abd', 'abc')).toBe(false);
    expect(tokensEqual('', 'abc')).toBe(false);
  });
  it('writes the token into the meta, or adds the meta', () => {
    expect(withHostToken('<head><meta name="pult-host-token" content=""></head>', 'T"<')).toBe('<head><meta name="pult-host-token" content="T&quot;&lt;"></head>');
    expect(withHostToken('<html><head><title>x</title></head>', 'T')).toContain('<meta name="pult-host-token" content="T">');
  });
});

describe('event bus', () => {
  it('delivers valid events and drops invalid ones', () => {
    const bus = createEventBus();
    const got: unknown[] = [];
    const off = bus.subscribe((e, p) => got.push([e, p]));
    expect(bus.emit('protocol.link', { scheme: 'tel', target: '+74956428585' })).toBe(true);
    expect(bus.emit('protocol.link', { scheme: 'http', target: 'x' } as never)).toBe(false);
    expect(bus.emit('nope' as never, {} as never)).toBe(false);
    expect(bus.emit('session.ended', { reason: 'logout', extra: 1 } as never)).toBe(true);
    expect(got).toEqual([['protocol.link', { scheme: 'tel', target: '+74956428585' }], ['session.ended', { reason: 'logout' }]]);
    off();
    bus.emit('session.ended', { reason: 'logout' });
    expect(got).toHaveLength(2);
  });
});
