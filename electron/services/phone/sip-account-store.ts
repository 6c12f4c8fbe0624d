// The softphone's SIP account, kept in <userData>/sip-account.json, and its password, kept in the
// OS keychain (the SecretStore: safeStorage in Electron) — never in a file, never in a log. Where
// IT preset the WebSocket URIs or the domain, those win over what the file says, so one preset
// change moves every PC to a new PBX.
import { join } from 'node:path';
import type { ItPreset } from '../../../contract/config.ts';
import type { PhoneAccount, PhoneSaveAccountInput } from '../../../contract/phone-ipc.ts';
import { SipAccount } from '../../../contract/sip.ts';
import type { Log } from '../log.ts';
import type { SecretStore } from '../session/secret-store.ts';
import { createWriteQueue, readJson, writeJsonAtomic } from '../settings/atomic-json.ts';

const PASSWORD_KEY = 'sip:password';

export interface SipAccountStore {
  get(): Promise<PhoneAccount>;
  save(input: PhoneSaveAccountInput): Promise<PhoneAccount>;
  password(): Promise<string | null>;
}

export async function openSipAccountStore(opts: { userDataDir: string; preset: ItPreset; secrets: SecretStore; log: Log }): Promise<SipAccountStore> {
  const path = join(opts.userDataDir, 'sip-account.json');
  const preset = opts.preset.sip;
  const presetFields = preset ? (['websocketUris', ...(preset.domain ? (['domain'] as const) : [])] as const) : [];
  let stored: SipAccount | null = null;

  const read = await readJson(path);
  if (read.kind === 'ok') {
    const parsed = SipAccount.safeParse(read.value);
    if (parsed.success) stored = parsed.data;
    else opts.log.warn({ path, issue: parsed.error.issues[0]?.message }, 'SIP account file ignored');
  } else if (read.kind === 'broken') {
    opts.log.warn({ path, message: read.message }, 'SIP account file ignored');
  }

  const withPreset = (a: SipAccount): SipAccount =>
    preset ? { ...a, websocketUris: preset.websocketUris, ...(preset.domain ? { domain: preset.domain } : {}) } : a;
  const enqueue = createWriteQueue();

  const view = async (): Promise<PhoneAccount> => ({
    account: stored ? withPreset(stored) : null,
    hasPassword: (await opts.secrets.get(PASSWORD_KEY)) !== null,
    presetFields: [...presetFields],
  });

  return {
    get: view,
    async save(input) {
      const account = withPreset(SipAccount.parse(input.account));
      await enqueue(() => writeJsonAtomic(path, account));
      stored = account;
      if (input.password === null) await opts.secrets.delete(PASSWORD_KEY);
      else if (input.password !== undefined) await opts.secrets.set(PASSWORD_KEY, input.password);
      return view();
    },
    password: () => opts.secrets.get(PASSWORD_KEY),
  };
}
