// The SIP account schema (contract/sip.ts) and how it becomes JsSIP's UA configuration.
import { describe, expect, it } from 'vitest';
import { SipAccount } from '../../../contract/sip.ts';
import { sipDomain, socketWeights, uaConfig } from '../../../renderer/src/sip/ua-config.ts';

const base = { websocketUris: ['wss://pbx1.example.ru:8089/ws', 'wss://pbx2.example.ru:8089/ws'], extension: '1001' };

describe('SipAccount', () => {
  it('fills defaults: RFC 4733 DTMF, no ICE servers, 5-minute registration', () => {
    expect(SipAccount.parse(base)).toEqual({ ...base, iceServers: [], dtmfMode: 'rfc4733', registerExpires: 300 });
  });

  it('accepts STUN/TURN servers and SIP INFO DTMF', () => {
    const account = SipAccount.parse({ ...base, dtmfMode: 'info', iceServers: [{ urls: 'stun:stun.example.ru:3478' }, { urls: ['turns:turn.example.ru:5349'], username: 'u', credential: 'p' }] });
    expect(account.iceServers).toHaveLength(2);
    expect(account.dtmfMode).toBe('info');
  });

  it('names the field that is wrong', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...base, websocketUris: [] }, 'websocketUris'],
      [{ ...base, websocketUris: ['https://pbx.example.ru'] }, 'websocketUris.0'],
      [{ ...base, extension: '10 01' }, 'extension'],
      [{ ...base, dtmfMode: 'inband' }, 'dtmfMode'],
      [{ ...base, iceServers: [{ urls: 'http://stun.example.ru' }] }, 'iceServers.0.urls'],
      [{ ...base, password: 'secret' }, ''],
    ];
    for (const [input, path] of cases) {
      const r = SipAccount.safeParse(input);
      expect(r.success, path).toBe(false);
      expect(r.error!.issues[0]!.path.join('.'), JSON.stringify(input)).toBe(path);
    }
  });
});

describe('uaConfig', () => {
  it('registers sip:EXT@DOMAIN, the domain defaulting to the first server host', () => {
    const account = SipAccount.parse(base);
    expect(sipDomain(account)).toBe('pbx1.example.ru');
    expect(uaConfig(account, 'pw')).toMatchObject({ uri: 'sip:1001@pbx1.example.ru', authorization_user: '1001', password: 'pw', register: true, register_expires: 300 });
    expect(uaConfig(SipAccount.parse({ ...base, domain: 'example.ru', authUser: 'op1001', displayName: 'Анна' }), undefined)).toMatchObject({
      uri: 'sip:1001@example.ru', authorization_user: 'op1001', display_name: 'Анна',
    });
    expect(uaConfig(account, undefined)).not.toHaveProperty('password');
  });

  it('prefers the servers in the order listed', () => {
    expect(socketWeights(base.websocketUris)).toEqual([
      { uri: base.websocketUris[0], weight: 2 },
      { uri: base.websocketUris[1], weight: 1 },
    ]);
  });
});
