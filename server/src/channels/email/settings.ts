// The e-mail and fax channels' settings, from the environment only (like the chat channels): an
// IMAP mailbox to read, an SMTP server to send through, the address letters come from; the fax
// channel has its own mailbox (the e-mail-to-fax gateway delivers each fax there as a PDF or TIFF
// attachment), the rule that finds the sender's number in a fax letter, and the gateway's address
// for outgoing faxes. A channel none of whose variables is set is off.
import { z } from 'zod';

/** tls: TLS from the first byte (993, 465); starttls: plain, then STARTTLS, required; none: plain (loopback, tests). */
export type MailSecurity = 'tls' | 'starttls' | 'none';

export interface MailServer {
  host: string;
  port: number;
  security: MailSecurity;
  user: string | null;
  password: string | null;
}

export interface ImapSettings extends MailServer {
  user: string;
  password: string;
  /** The folder read, INBOX by default. */
  mailbox: string;
}

export interface EmailSettings {
  imap: ImapSettings;
  smtp: MailServer;
  /** The From of replies ("Pult <support@example.ru>" or a bare address). */
  from: string;
}

/** Where the sender's number is in a fax letter: a regular expression on the subject or on a header. */
export interface FaxNumberRule {
  source: { kind: 'subject' } | { kind: 'header'; name: string };
  /** Its first capture group (or the whole match) is the number, normalised with normalizePhone. */
  pattern: RegExp;
}

export interface FaxSettings {
  imap: ImapSettings;
  smtp: MailServer;
  from: string;
  numberRule: FaxNumberRule;
  /** The gateway's address of a fax number: "{number}@fax.example" ({number}: E.164 digits without +). */
  gatewayAddress: string;
}

const DEFAULT_PORTS = { imap: { tls: 993, starttls: 143, none: 143 }, smtp: { tls: 465, starttls: 587, none: 25 } } as const;

const text = z.string().min(1).max(4096);
const security = z.enum(['tls', 'starttls', 'none']);
const port = z.coerce.number().int().min(1).max(65535);
const address = z.string().min(3).max(320).refine((v) => /^[^\s@<>]+@[^\s@<>]+$/.test(v) || /^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(v), 'an e-mail address, or "Name <address>"');

const ServerEnv = z.object({
  URL: z.url({ protocol: /^(imaps?|smtps?)$/ }).optional(),
  HOST: z.string().regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'a host name or IP address').optional(),
  PORT: port.optional(),
  USER: text.optional(),
  PASSWORD: text.optional(),
  TLS: security.optional(),
  MAILBOX: z.string().min(1).max(255).optional(),
});

type ServerEnv = z.infer<typeof ServerEnv>;

/** Only the variables' names go into the message: values may be secrets. */
function explain(prefix: string, error: z.ZodError): string {
  return error.issues.map((i) => `${prefix}${i.path.join('.')}: ${i.code === 'invalid_type' ? 'missing' : i.message}`).join('; ');
}

function sub(env: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
}

/** A server from PREFIX_URL (imap://user:password@host:port/Folder) or PREFIX_HOST, _PORT, _USER, _PASSWORD, _TLS. */
function serverFrom(env: Record<string, string>, prefix: string, kind: 'imap' | 'smtp'): MailServer & { mailbox: string } {
  const r = ServerEnv.safeParse(sub(env, prefix));
  if (!r.success) throw new Error(explain(prefix, r.error));
  const v: ServerEnv = r.data;
  let host = v.HOST;
  let sec: MailSecurity = v.TLS ?? 'tls';
  let portNo = v.PORT;
  let user = v.USER ?? null;
  let password = v.PASSWORD ?? null;
  let mailbox = v.MAILBOX ?? 'INBOX';
  if (v.URL) {
    const u = new URL(v.URL);
    if (!u.protocol.startsWith(kind)) throw new Error(`${prefix}URL: an ${kind}:// or ${kind}s:// address`);
    host = u.hostname;
    sec = v.TLS ?? (u.protocol.endsWith('s:') ? 'tls' : 'starttls');
    portNo = v.PORT ?? (u.port ? Number(u.port) : undefined);
    user = v.USER ?? (u.username ? decodeURIComponent(u.username) : null);
    password = v.PASSWORD ?? (u.password ? decodeURIComponent(u.password) : null);
    const path = decodeURIComponent(u.pathname.replace(/^\/+/, ''));
    if (!v.MAILBOX && path) mailbox = path;
  }
  if (!host) throw new Error(`${prefix}HOST: missing (or ${prefix}URL)`);
  return { host, port: portNo ?? DEFAULT_PORTS[kind][sec], security: sec, user, password, mailbox };
}

function imapFrom(env: Record<string, string>, prefix: string): ImapSettings {
  const s = serverFrom(env, prefix, 'imap');
  if (!s.user || !s.password) throw new Error(`${prefix}USER and ${prefix}PASSWORD: missing (or in ${prefix}URL)`);
  return { ...s, user: s.user, password: s.password };
}

function smtpFrom(env: Record<string, string>, prefix: string): MailServer {
  const { mailbox: _unused, ...s } = serverFrom(env, prefix, 'smtp');
  return s;
}

function fromAddress(env: Record<string, string>, name: string): string {
  const r = address.safeParse(env[name]);
  if (!r.success) throw new Error(`${name}: ${env[name] === undefined ? 'missing' : r.error.issues[0]!.message}`);
  return r.data;
}

function numberRuleFrom(env: Record<string, string>): FaxNumberRule {
  const from = env.PULT_FAX_NUMBER_FROM ?? 'subject';
  let source: FaxNumberRule['source'];
  if (from === 'subject') source = { kind: 'subject' };
  else if (/^header:[A-Za-z0-9-]{1,76}$/.test(from)) source = { kind: 'header', name: from.slice('header:'.length).toLowerCase() };
  else throw new Error('PULT_FAX_NUMBER_FROM: "subject" or "header:<Header-Name>"');
  let pattern: RegExp;
  try {
    pattern = new RegExp(env.PULT_FAX_NUMBER_PATTERN ?? '(\\+?\\d[\\d ()-]{4,}\\d)');
  } catch {
    throw new Error('PULT_FAX_NUMBER_PATTERN: not a valid regular expression');
  }
  return { source, pattern };
}

const present = (env: Record<string, string>, prefix: string) => Object.keys(env).some((k) => k.startsWith(prefix));

/** Throws naming the wrong variables (never their values). `env` holds only non-empty values. */
export function mailSettingsFromEnv(env: Record<string, string>): { email?: EmailSettings | null; fax?: FaxSettings | null } {
  const out: { email?: EmailSettings; fax?: FaxSettings } = {};
  if (present(env, 'PULT_EMAIL_')) {
    try {
      out.email = { imap: imapFrom(env, 'PULT_EMAIL_IMAP_'), smtp: smtpFrom(env, 'PULT_EMAIL_SMTP_'), from: fromAddress(env, 'PULT_EMAIL_FROM') };
    } catch (e) {
      throw new Error(`E-mail channel settings: ${(e as Error).message}`, { cause: e });
    }
  }
  if (present(env, 'PULT_FAX_')) {
    try {
      // The gateway is usually reached through the same SMTP server as e-mail.
      const smtp = present(env, 'PULT_FAX_SMTP_') ? smtpFrom(env, 'PULT_FAX_SMTP_') : smtpFrom(env, 'PULT_EMAIL_SMTP_');
      const gateway = env.PULT_FAX_GATEWAY_ADDRESS;
      if (!gateway || !/^[^\s@<>]*\{number\}[^\s@<>]*@[^\s@<>]+$/.test(gateway)) throw new Error('PULT_FAX_GATEWAY_ADDRESS: an address with {number} in it, such as {number}@fax.example');
      out.fax = {
        imap: imapFrom(env, 'PULT_FAX_IMAP_'), smtp, from: fromAddress(env, env.PULT_FAX_FROM ? 'PULT_FAX_FROM' : 'PULT_EMAIL_FROM'),
        numberRule: numberRuleFrom(env), gatewayAddress: gateway,
      };
    } catch (e) {
      throw new Error(`Fax channel settings: ${(e as Error).message}`, { cause: e });
    }
  }
  return out;
}
