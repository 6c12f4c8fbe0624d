// The dial field: Russian numbers in any form become E.164, short numbers stay extensions.
import { describe, expect, it } from 'vitest';
import { dialTarget, dialUri } from '../../../renderer/src/sip/dial-target.ts';

describe('dialTarget', () => {
  it.each(['8 (495) 642-85-85', '+7 495 6428585', '84956428585', '74956428585', '4956428585', '+7(495)642-85-85'])('reads %s as +74956428585', (input) => {
    expect(dialTarget(input)).toEqual({ kind: 'phone', user: '+74956428585' });
  });

  it('reads mobile numbers too', () => {
    expect(dialTarget('8 916 123-45-67')).toEqual({ kind: 'phone', user: '+79161234567' });
  });

  it('keeps internal extensions and service codes as they are', () => {
    expect(dialTarget('1002')).toEqual({ kind: 'extension', user: '1002' });
    expect(dialTarget(' 10-02 ')).toEqual({ kind: 'extension', user: '1002' });
    expect(dialTarget('*97')).toEqual({ kind: 'extension', user: '*97' });
  });

  it('passes SIP URIs through', () => {
    expect(dialTarget('sip:queue@pbx.example.ru')).toEqual({ kind: 'uri', uri: 'sip:queue@pbx.example.ru' });
  });

  it('refuses what cannot be dialled', () => {
    for (const input of ['', 'Иванов', '8 (495) 642', '12345678', '+7 495 642 85 85 99', 'sip:nobody']) expect(dialTarget(input), input).toBeNull();
  });

  it('builds the request URI on the account domain', () => {
    expect(dialUri({ kind: 'phone', user: '+74956428585' }, 'pbx.example.ru')).toBe('sip:+74956428585@pbx.example.ru');
    expect(dialUri({ kind: 'uri', uri: 'sip:a@b' }, 'pbx.example.ru')).toBe('sip:a@b');
  });
});
