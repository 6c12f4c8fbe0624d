// The SIP account on disk and its password in the keychain: the password never reaches the file;
// IT's preset URIs and domain win over the stored ones; a broken file is ignored, not fatal.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSipAccountStore } from '../../../electron/services/phone/sip-account-store.ts';
import { silentLog } from '../../../electron/services/log.ts';
import { memorySecretStore } from '../../../electron/services/session/secret-store.ts';

const ACCOUNT = { websocketUris: ['wss://pbx.example.ru:8089/ws'], extension: '1001', displayName: 'Анна Смирнова' };

describe('SIP account store', () => {
  it('keeps the account in a file and the password in the keychain only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pult-sip-'));
    const secrets = memorySecretStore();
    const store = await openSipAccountStore({ userDataDir: dir, preset: {}, secrets, log: silentLog });
    expect(await store.get()).toEqual({ account: null, hasPassword: false, presetFields: [] });
    const saved = await store.save({ account: ACCOUNT, password: 'очень-секретно-42' });
    expect(saved).toMatchObject({ account: { ...ACCOUNT, dtmfMode: 'rfc4733', registerExpires: 300 }, hasPassword: true });
    expect(readFileSync(join(dir, 'sip-account.json'), 'utf8')).not.toContain('очень-секретно-42');
    expect(await store.password()).toBe('очень-секретно-42');
    // Absent keeps the password; null removes it.
    await store.save({ account: { ...ACCOUNT, extension: '1002' } });
    expect(await store.password()).toBe('очень-секретно-42');
    await store.save({ account: ACCOUNT, password: null });
    expect(await store.password()).toBeNull();
    // A new run reads the file.
    const again = await openSipAccountStore({ userDataDir: dir, preset: {}, secrets, log: silentLog });
    expect((await again.get()).account?.extension).toBe('1001');
  });

  it('IT\'s preset URIs and domain win, and are reported as preset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pult-sip-'));
    const preset = { sip: { websocketUris: ['wss://pbx1.isp.ru/ws', 'wss://pbx2.isp.ru/ws'], domain: 'isp.ru' } };
    const store = await openSipAccountStore({ userDataDir: dir, preset, secrets: memorySecretStore(), log: silentLog });
    const r = await store.save({ account: { ...ACCOUNT, domain: 'other.ru' } });
    expect(r.account).toMatchObject({ websocketUris: preset.sip.websocketUris, domain: 'isp.ru', extension: '1001' });
    expect(r.presetFields).toEqual(['websocketUris', 'domain']);
  });

  it('ignores a broken or invalid file', async () => {
    for (const text of ['{not json', JSON.stringify({ websocketUris: ['http://x'], extension: '1' })]) {
      const dir = mkdtempSync(join(tmpdir(), 'pult-sip-'));
      writeFileSync(join(dir, 'sip-account.json'), text);
      const store = await openSipAccountStore({ userDataDir: dir, preset: {}, secrets: memorySecretStore(), log: silentLog });
      expect((await store.get()).account).toBeNull();
    }
  });
});
