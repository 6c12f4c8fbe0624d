// The settings form and the SipAccount schema: a form round-trips an account; refused fields are
// named (required when empty, invalid otherwise); STUN/TURN lines become ICE servers.
import { describe, expect, it } from 'vitest';
import type { SipAccount } from '../../../contract/sip.ts';
import { accountFromForm, EMPTY_SIP_FORM, formFromAccount } from '../../../renderer/src/features/settings/sip-account-form.ts';

const account: SipAccount = {
  websocketUris: ['wss://pbx1.example.ru:8089/ws', 'wss://pbx2.example.ru:8089/ws'],
  domain: 'pbx.example.ru',
  extension: '1001',
  authUser: 'op1001',
  displayName: 'Оператор 1001',
  iceServers: [{ urls: 'stun:stun.example.ru:3478' }, { urls: 'turn:turn.example.ru:3478', username: 'u', credential: 'p' }],
  dtmfMode: 'info',
  registerExpires: 300,
  ivrHeader: 'X-Menu',
  wrapUpSeconds: 45,
};

describe('SIP account form', () => {
  it('round-trips an account', () => {
    const back = accountFromForm(formFromAccount(account));
    expect(back).toEqual({ ok: true, account });
  });

  it('keeps what the form does not show (registration expiry) from the stored account', () => {
    const stored = { ...account, registerExpires: 900 };
    expect(accountFromForm(formFromAccount(stored), stored)).toEqual({ ok: true, account: stored });
  });

  it('with no account yet, starts from IT\'s preset servers and domain', () => {
    const form = formFromAccount(null, { websocketUris: ['wss://pbx1.example.ru/ws', 'wss://pbx2.example.ru/ws'], domain: 'pbx.example.ru' });
    expect(form).toMatchObject({ websocketUris: 'wss://pbx1.example.ru/ws\nwss://pbx2.example.ru/ws', domain: 'pbx.example.ru', extension: '' });
    expect(formFromAccount(null)).toEqual(EMPTY_SIP_FORM);
  });

  it('an empty form needs servers and an extension', () => {
    const r = accountFromForm(EMPTY_SIP_FORM);
    expect(r).toEqual({ ok: false, problems: { websocketUris: 'required', extension: 'required' } });
  });

  it('names what is wrong: an http server, a SIP user with spaces, a bad STUN line, a header, the seconds', () => {
    const r = accountFromForm({
      ...formFromAccount(account),
      websocketUris: 'https://pbx.example.ru',
      extension: '10 01',
      iceServers: 'stun.example.ru',
      ivrHeader: 'X IVR',
      wrapUpSeconds: '-5',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual({ websocketUris: 'invalid', extension: 'invalid', iceServers: 'invalid', ivrHeader: 'invalid', wrapUpSeconds: 'invalid' });
  });

  it('leaves optional fields out when empty (IVR header and wrap-up time take their defaults later)', () => {
    const r = accountFromForm({ ...EMPTY_SIP_FORM, websocketUris: ' ws://127.0.0.1:8788 \n\n', extension: '1002' });
    expect(r).toEqual({ ok: true, account: { websocketUris: ['ws://127.0.0.1:8788'], extension: '1002', iceServers: [], dtmfMode: 'rfc4733', registerExpires: 300 } });
  });
});
