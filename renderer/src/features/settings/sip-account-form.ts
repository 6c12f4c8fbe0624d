// The SIP account as the settings form edits it (plain strings, one server per line) and back,
// checked by the contract's SipAccount schema; each problem is named by the form's field.
import { DEFAULT_IVR_HEADER, DEFAULT_WRAP_UP_SECONDS, DTMF_MODES, SipAccount, type DtmfMode, type IceServer } from '../../../../contract/sip.ts';

export interface SipAccountForm {
  websocketUris: string;
  domain: string;
  extension: string;
  authUser: string;
  displayName: string;
  /** One per line: `stun:host:port`, or `turn:host:port user credential`. */
  iceServers: string;
  dtmfMode: DtmfMode;
  ivrHeader: string;
  wrapUpSeconds: string;
}

export type SipFormField = keyof SipAccountForm;

export const EMPTY_SIP_FORM: SipAccountForm = {
  websocketUris: '', domain: '', extension: '', authUser: '', displayName: '', iceServers: '', dtmfMode: 'rfc4733', ivrHeader: '', wrapUpSeconds: '',
};

const lines = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

function iceLine(s: IceServer): string {
  const urls = Array.isArray(s.urls) ? s.urls.join(',') : s.urls;
  return [urls, s.username, s.credential].filter((x) => x !== undefined && x !== '').join(' ');
}

/** The form for the stored account; with none yet, IT's preset servers and domain filled in. */
export function formFromAccount(account: SipAccount | null, preset?: { websocketUris: readonly string[]; domain?: string | undefined }): SipAccountForm {
  if (!account) return { ...EMPTY_SIP_FORM, websocketUris: preset?.websocketUris.join('\n') ?? '', domain: preset?.domain ?? '' };
  return {
    websocketUris: account.websocketUris.join('\n'),
    domain: account.domain ?? '',
    extension: account.extension,
    authUser: account.authUser ?? '',
    displayName: account.displayName ?? '',
    iceServers: account.iceServers.map(iceLine).join('\n'),
    dtmfMode: account.dtmfMode,
    ivrHeader: account.ivrHeader ?? '',
    wrapUpSeconds: account.wrapUpSeconds === undefined ? '' : String(account.wrapUpSeconds),
  };
}

export type SipFormProblem = 'required' | 'invalid';
export type SipFormResult = { ok: true; account: SipAccount } | { ok: false; problems: Partial<Record<SipFormField, SipFormProblem>> };

/** Each field the schema refuses: 'required' when it is empty, else 'invalid' (the view says what fits). */
/** `base`: the stored account, whose settings the form does not show (registration expiry) are kept. */
export function accountFromForm(form: SipAccountForm, base: SipAccount | null = null): SipFormResult {
  const iceServers = lines(form.iceServers).map((l) => {
    const [urls = '', username, credential] = l.split(/\s+/);
    const list = urls.split(',').filter(Boolean);
    return { urls: list.length === 1 ? list[0]! : list, ...(username ? { username } : {}), ...(credential ? { credential } : {}) };
  });
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  const wrap = form.wrapUpSeconds.trim();
  const candidate = {
    websocketUris: lines(form.websocketUris),
    domain: opt(form.domain),
    extension: form.extension.trim(),
    authUser: opt(form.authUser),
    displayName: opt(form.displayName),
    iceServers,
    dtmfMode: (DTMF_MODES as readonly string[]).includes(form.dtmfMode) ? form.dtmfMode : 'rfc4733',
    ivrHeader: opt(form.ivrHeader),
    wrapUpSeconds: wrap ? (/^\d+$/.test(wrap) ? Number(wrap) : NaN) : undefined,
    ...(base ? { registerExpires: base.registerExpires } : {}),
  };
  const parsed = SipAccount.safeParse(candidate);
  if (parsed.success) return { ok: true, account: parsed.data };
  const problems: Partial<Record<SipFormField, SipFormProblem>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'extension') as SipFormField;
    problems[field] ??= form[field].trim() === '' ? 'required' : 'invalid';
  }
  return { ok: false, problems };
}

export const SIP_FORM_DEFAULTS = { ivrHeader: DEFAULT_IVR_HEADER, wrapUpSeconds: DEFAULT_WRAP_UP_SECONDS };
