// What a tel:/sip:/callto: link from another program puts in front of the operator to confirm.
import { describe, expect, it } from 'vitest';
import { linkTarget } from '../../../renderer/src/features/phone/ProtocolLinkConfirm.tsx';
import { dialTarget } from '../../../renderer/src/sip/dial-target.ts';

describe('linkTarget', () => {
  it.each([
    [{ scheme: 'tel', target: 'tel:+7%20495%20642-85-85' }, '+7 495 642-85-85', { kind: 'phone', user: '+74956428585' }],
    [{ scheme: 'tel', target: '+74956428585;ext=12' }, '+74956428585', { kind: 'phone', user: '+74956428585' }],
    [{ scheme: 'callto', target: 'callto://84956428585' }, '84956428585', { kind: 'phone', user: '+74956428585' }],
    [{ scheme: 'sip', target: 'sip:1001@pbx.example.ru;transport=ws' }, '1001', { kind: 'extension', user: '1001' }],
  ] as const)('%j → %s', (link, shown, dialled) => {
    expect(linkTarget(link)).toBe(shown);
    expect(dialTarget(linkTarget(link))).toEqual(dialled);
  });

  it('a link that is no number is not dialable', () => {
    expect(dialTarget(linkTarget({ scheme: 'tel', target: 'tel:javascript:alert(1)' }))).toBeNull();
  });
});
