// The e-mail channel's real counterparts, started by the tests: a throwaway Dovecot (scripts/dovecot.ts)
// that letters are put into over IMAP APPEND, and an in-process SMTP server (the smtp-server package,
// a real SMTP implementation) that captures what Pult sends, parsed back with mailparser, and can
// refuse recipients the way real servers do (5xx final, 4xx try later).
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startDovecot, type Dovecot } from '../../../../scripts/dovecot.ts';
import type { ImapSettings, MailServer } from '../../../../server/src/channels/email/settings.ts';

export interface MailboxServer {
  dovecot: Dovecot;
  /** Pult's settings for a user's INBOX. */
  imap(user?: string): ImapSettings;
  /** Puts a letter into a user's folder as a mail server would deliver it; returns its UID. */
  deliver(source: string | Buffer, user?: string, folder?: string): Promise<number>;
  /** A connection of the test's own (to look at flags, recreate folders…). */
  client(user?: string): Promise<ImapFlow>;
  close(): Promise<void>;
}

export async function startMailbox(users = ['support', 'fax']): Promise<MailboxServer> {
  const dovecot = await startDovecot({ users: users.map((user) => ({ user, password: `${user}-secret` })) });
  const clients = new Map<string, ImapFlow>();
  const connect = async (user: string) => {
    const c = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, doSTARTTLS: false, auth: { user, pass: `${user}-secret` }, logger: false });
    await c.connect();
    return c;
  };
  return {
    dovecot,
    imap: (user = 'support') => ({ host: dovecot.host, port: dovecot.port, security: 'none', user, password: `${user}-secret`, mailbox: 'INBOX' }),
    async deliver(source, user = 'support', folder = 'INBOX') {
      let c = clients.get(user);
      if (!c || !c.usable) {
        c = await connect(user);
        clients.set(user, c);
      }
      const r = await c.append(folder, source);
      if (!r || !r.uid) throw new Error('APPEND gave no UID');
      return r.uid;
    },
    client: (user = 'support') => connect(user),
    async close() {
      for (const c of clients.values()) await c.logout().catch(() => c.close());
      await dovecot.stop();
    },
  };
}

export interface SmtpCapture {
  settings: MailServer;
  /** Letters accepted so far, parsed, with their envelope. */
  received: Array<{ mail: ParsedMail; raw: Buffer; to: string[] }>;
  /** Recipients answered with this SMTP status at RCPT TO (e.g. 550 no such user, 451 try later). */
  refuse: Map<string, number>;
  close(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const received: SmtpCapture['received'] = [];
  const refuse = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 100 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const status = refuse.get(address.address.toLowerCase());
      if (!status) return callback();
      callback(Object.assign(new Error(status >= 500 ? 'No such user here' : 'Mailbox busy, try again later'), { responseCode: status }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((mail) => {
          received.push({ mail, raw, to: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        }, (err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    settings: { host: '127.0.0.1', port, security: 'none', user: null, password: null },
    received,
    refuse,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until check() gives a value other than undefined/false/null, polling; fails after timeoutMs. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
