// The e-mail and fax settings as an administrator writes them in the environment: an IMAP/SMTP URL
// or host, port, user, password and TLS mode apart; unset means the channel is off; a wrong value
// stops the start naming the variable, never its value (it may be a password).
import { describe, expect, it } from 'vitest';
import { channelSettingsFromEnv } from '../../../server/src/channels/settings.ts';

const BASE = { PULT_EMAIL_IMAP_URL: 'imaps://support%40isp.ru:p%40ss-секрет@imap.isp.ru/Входящие', PULT_EMAIL_SMTP_URL: 'smtp://smtp.isp.ru', PULT_EMAIL_FROM: 'Информационная служба <support@isp.ru>' };

describe('e-mail and fax settings', () => {
  it('are off when none of their variables is set', () => {
    expect(channelSettingsFromEnv({})).not.toHaveProperty('email');
    expect(channelSettingsFromEnv({})).not.toHaveProperty('fax');
  });

  it('read IMAP and SMTP from URLs, with the TLS mode and default ports they imply', () => {
    const s = channelSettingsFromEnv(BASE).email!;
    expect(s.imap).toEqual({ host: 'imap.isp.ru', port: 993, security: 'tls', user: 'support@isp.ru', password: 'p@ss-секрет', mailbox: 'Входящие' });
    expect(s.smtp).toEqual({ host: 'smtp.isp.ru', port: 587, security: 'starttls', user: null, password: null });
    expect(s.from).toBe('Информационная служба <support@isp.ru>');
  });

  it('read IMAP from host, port, user, password and TLS mode apart', () => {
    const s = channelSettingsFromEnv({
      PULT_EMAIL_IMAP_HOST: '10.0.0.5', PULT_EMAIL_IMAP_PORT: '1143', PULT_EMAIL_IMAP_USER: 'u', PULT_EMAIL_IMAP_PASSWORD: 'p', PULT_EMAIL_IMAP_TLS: 'none',
      PULT_EMAIL_SMTP_HOST: '10.0.0.6', PULT_EMAIL_SMTP_TLS: 'tls', PULT_EMAIL_FROM: 'support@isp.ru',
    }).email!;
    expect(s.imap).toEqual({ host: '10.0.0.5', port: 1143, security: 'none', user: 'u', password: 'p', mailbox: 'INBOX' });
    expect(s.smtp.port).toBe(465);
  });

  it.each([
    ['a missing From', { ...BASE, PULT_EMAIL_FROM: '' }, /PULT_EMAIL_FROM: missing/],
    ['a From that is not an address', { ...BASE, PULT_EMAIL_FROM: 'support' }, /PULT_EMAIL_FROM/],
    ['no IMAP password', { ...BASE, PULT_EMAIL_IMAP_URL: 'imap://user@imap.isp.ru' }, /PULT_EMAIL_IMAP_USER and PULT_EMAIL_IMAP_PASSWORD/],
    ['an unknown TLS mode', { ...BASE, PULT_EMAIL_IMAP_TLS: 'maybe' }, /PULT_EMAIL_IMAP_TLS/],
    ['an SMTP URL given as IMAP', { ...BASE, PULT_EMAIL_IMAP_URL: 'smtp://u:p@x' }, /PULT_EMAIL_IMAP_URL/],
  ])('refuse %s, naming the variable and not the value', (_what, env, message) => {
    expect(() => channelSettingsFromEnv(env)).toThrow(message);
    try {
      channelSettingsFromEnv(env);
    } catch (e) {
      expect((e as Error).message).not.toContain('p%40ss');
      expect((e as Error).message).not.toContain('секрет');
    }
  });

  it('fax: its own mailbox, the e-mail SMTP server unless it has one, the number rule and the gateway address', () => {
    const s = channelSettingsFromEnv({
      ...BASE, PULT_FAX_IMAP_URL: 'imap://fax:secret@imap.isp.ru', PULT_FAX_GATEWAY_ADDRESS: '{number}@fax.isp.ru',
      PULT_FAX_NUMBER_FROM: 'header:X-Fax-Sender', PULT_FAX_NUMBER_PATTERN: '^(\\+?\\d+)',
    }).fax!;
    expect(s.smtp.host).toBe('smtp.isp.ru');
    expect(s.from).toBe('Информационная служба <support@isp.ru>');
    expect(s.numberRule.source).toEqual({ kind: 'header', name: 'x-fax-sender' });
    expect(s.numberRule.pattern.exec('+74951234567 (Иванова)')?.[1]).toBe('+74951234567');
    expect(() => channelSettingsFromEnv({ ...BASE, PULT_FAX_IMAP_URL: 'imap://f:s@h', PULT_FAX_GATEWAY_ADDRESS: 'fax@isp.ru' })).toThrow(/PULT_FAX_GATEWAY_ADDRESS/);
    expect(() => channelSettingsFromEnv({ ...BASE, PULT_FAX_IMAP_URL: 'imap://f:s@h', PULT_FAX_GATEWAY_ADDRESS: '{number}@f', PULT_FAX_NUMBER_PATTERN: '(' })).toThrow(/PULT_FAX_NUMBER_PATTERN/);
  });
});
