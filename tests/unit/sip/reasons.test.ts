// Failures put into words: SIP status first, JsSIP's cause otherwise, and every key has words.
import { describe, expect, it } from 'vitest';
import { C } from 'jssip';
import ru from '../../../renderer/src/i18n/locales/ru.json' with { type: 'json' };
import en from '../../../renderer/src/i18n/locales/en.json' with { type: 'json' };
import { SIP_REASONS, sipReason } from '../../../renderer/src/sip/reasons.ts';

describe('sipReason', () => {
  it('reads the final SIP status first', () => {
    expect(sipReason(C.causes.AUTHENTICATION_ERROR, 401)).toBe('sip.reason.unauthorized');
    expect(sipReason(C.causes.BUSY, 486)).toBe('sip.reason.busy');
    // JsSIP calls both 403 and 603 "Rejected"; the status tells them apart.
    expect(sipReason(C.causes.REJECTED, 403)).toBe('sip.reason.forbidden');
    expect(sipReason(C.causes.REJECTED, 603)).toBe('sip.reason.declined');
    expect(sipReason(C.causes.SIP_FAILURE_CODE, 503)).toBe('sip.reason.serverError');
    expect(sipReason(C.causes.UNAVAILABLE, 480)).toBe('sip.reason.unavailable');
    expect(sipReason(C.causes.CANCELED, 487)).toBe('sip.reason.canceled');
  });

  it('falls back to the cause when no response came', () => {
    expect(sipReason(C.causes.CONNECTION_ERROR)).toBe('sip.reason.unreachable');
    expect(sipReason(C.causes.REQUEST_TIMEOUT)).toBe('sip.reason.timeout');
    expect(sipReason(C.causes.USER_DENIED_MEDIA_ACCESS)).toBe('sip.reason.microphone');
    expect(sipReason(C.causes.BYE)).toBe('sip.reason.hungUp');
    expect(sipReason(C.causes.RTP_TIMEOUT, undefined)).toBe('sip.reason.media');
  });

  it('says "unknown" rather than nothing', () => {
    expect(sipReason(undefined)).toBe('sip.reason.unknown');
    expect(sipReason('Something new in JsSIP', 199)).toBe('sip.reason.unknown');
  });

  it('has words for every reason in both languages', () => {
    for (const r of SIP_REASONS) {
      expect(ru.sip.reason[r], `ru ${r}`).toBeTruthy();
      expect(en.sip.reason[r], `en ${r}`).toBeTruthy();
    }
  });

  it('maps every JsSIP cause to a reason of its own, except the generic failure code', () => {
    const unmapped = Object.values(C.causes).filter((c) => sipReason(c) === 'sip.reason.unknown');
    expect(unmapped).toEqual([C.causes.SIP_FAILURE_CODE, C.causes.INTERNAL_ERROR, C.causes.DIALOG_ERROR]);
  });
});
