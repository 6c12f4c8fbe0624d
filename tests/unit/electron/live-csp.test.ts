// The CSP follows the SIP account: after the operator saves new servers, the next page load may
// connect to them (and to IT's preset ones), and to nothing else; a broken read keeps the preset.
import { describe, expect, it } from 'vitest';
import { liveCsp, sipSources } from '../../../electron/services/security/live-csp.ts';

const connectSrc = (csp: string) => csp.split(';').map((d) => d.trim().split(/\s+/)).find(([k]) => k === 'connect-src')!.slice(1);

describe('live CSP', () => {
  it('starts with the preset servers and picks up the saved account on refresh', async () => {
    let saved: string[] = [];
    const csp = liveCsp({ presetSipUris: ['wss://pbx1.example.ru/ws'], accountSipUris: async () => saved, extraConnectSrc: ['ws://127.0.0.1:9/pult-ws'] });
    expect(connectSrc(csp.current())).toEqual(["'self'", 'wss://pbx1.example.ru/ws', 'ws://127.0.0.1:9/pult-ws']);
    saved = ['ws://127.0.0.1:5066', 'wss://pbx1.example.ru/ws'];
    expect(connectSrc(csp.current())).not.toContain('ws://127.0.0.1:5066');
    await csp.refresh();
    expect(connectSrc(csp.current())).toEqual(["'self'", 'wss://pbx1.example.ru/ws', 'ws://127.0.0.1:5066', 'ws://127.0.0.1:9/pult-ws']);
  });

  it('lets only ws(s) servers in: no http, no injected directives, no credentials', async () => {
    const csp = liveCsp({
      presetSipUris: [],
      accountSipUris: async () => ['https://evil.ru', "wss://x.ru/; script-src 'unsafe-eval'", 'wss://u:p@x.ru', 'javascript:alert(1)', 'wss://pbx.example.ru:8089/ws'],
    });
    const policy = await csp.refresh();
    expect(connectSrc(policy)).toEqual(["'self'", 'wss://pbx.example.ru:8089/ws']);
    expect(policy).not.toMatch(/unsafe-eval/);
    expect(sipSources(['ws://a', 'ws://a', 'http://b'])).toEqual(['ws://a']);
  });

  it('a failed read keeps the policy it had', async () => {
    const warned: unknown[] = [];
    const csp = liveCsp({ presetSipUris: ['wss://pbx1.example.ru/ws'], accountSipUris: async () => { throw new Error('keychain locked'); }, log: { warn: (o: unknown) => warned.push(o) } });
    const before = csp.current();
    expect(await csp.refresh()).toBe(before);
    expect(warned).toHaveLength(1);
  });
});
