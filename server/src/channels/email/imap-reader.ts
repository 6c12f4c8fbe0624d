// Reads one IMAP mailbox into the inbox for as long as the server runs: one long-lived connection
// that IDLEs (the server tells it at once when a letter arrives), and on start and after every
// reconnect fetches everything above the last UID stored. Letters are fetched in batches, each batch
// stored in one transaction together with its last UID (receive-letter.ts), and only then flagged
// \Seen; nothing is ever deleted or moved. A batch that fails to store is stored letter by letter,
// and a letter that cannot be stored as parsed is stored as its raw source instead, so one bad
// letter never holds the mailbox up. A lost connection is retried with doubling backoff.
import type { FastifyBaseLogger } from 'fastify';
import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { fetchLargeLetter, wholeLetterMaxBytes } from './large-letter.ts';
import { openMailboxState } from './mailbox-state.ts';
import { parseLetter, unreadableLetter, type Letter } from './parse-letter.ts';
import { receiveLetter, receiveLetters, type FetchedLetter, type LetterOutcome, type LetterRoute } from './receive-letter.ts';
import type { ImapSettings } from './settings.ts';

export interface ImapReaderOptions {
  db: Kysely<DB>;
  imap: ImapSettings;
  route: LetterRoute;
  attachmentMaxBytes: number;
  now: () => Date;
  log: FastifyBaseLogger;
  /** First reconnect after this long, doubling up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Letters fetched per round trip. */
  batch?: number;
  timeoutMs?: number;
}

export interface ImapReader {
  /** The key its progress is stored under (email_mailboxes.mailbox). */
  mailbox: string;
  /** Letters handled since start, by outcome. */
  counts: Record<LetterOutcome, number>;
  /** True while connected and the mailbox is open. */
  connected(): boolean;
  /** How many times the mailbox was opened since start (each reconnect once more). */
  sessions(): number;
  /** Resolves once the mailbox is open and every letter in it has been handled (or rejects at timeoutMs). */
  caughtUp(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

const BATCH_BYTES = 16 * 1024 * 1024;

export function mailboxKey(channel: string, imap: ImapSettings): string {
  return `${channel}:${imap.user}@${imap.host}:${imap.port}/${imap.mailbox}`;
}

export function startImapReader(opts: ImapReaderOptions): ImapReader {
  const { db, imap, route, log } = opts;
  const key = mailboxKey(route.channel, imap);
  const batch = opts.batch ?? 50;
  const counts: Record<LetterOutcome, number> = { stored: 0, duplicate: 0, bounce: 0 };
  let client: ImapFlow | null = null;
  let stopped = false;
  let open = false;
  let sessions = 0;
  let lastUid = 0;
  let draining: Promise<void> | null = null;
  let again = false;
  let wake: (() => void) | null = null;
  const idleWaiters = new Set<() => void>();
  let pendingCheck = false;

  const settle = () => {
    if (open && !draining && !again && !pendingCheck) for (const w of idleWaiters) w();
  };

  async function store(uid: number, letter: Letter, source: Buffer): Promise<void> {
    let outcome: LetterOutcome;
    try {
      outcome = await receiveLetter({ db, now: opts.now, log }, route, key, uid, letter, source);
    } catch (err) {
      // Kept as its raw source rather than lost or retried forever; if even that fails the database
      // is the problem: the error goes up, the connection is dropped and tried again later.
      log.error({ err, channel: route.channel, uid }, 'letter could not be stored as read: keeping its source');
      outcome = await receiveLetter({ db, now: opts.now, log }, route, key, uid, unreadableLetter(source, { maxBytes: opts.attachmentMaxBytes, receivedAt: opts.now() }), source);
    }
    counts[outcome]++;
    lastUid = Math.max(lastUid, uid);
  }

  /**
   * A fetched batch in one transaction: the per-transaction and change-feed costs are paid once for
   * all of it. If it fails (one letter the database refuses fails them all), the batch is stored
   * again letter by letter, where that letter alone falls back to its raw source.
   */
  async function storeBatch(letters: FetchedLetter[]): Promise<void> {
    if (letters.length === 1) return store(letters[0]!.uid, letters[0]!.letter, letters[0]!.source);
    let outcomes: LetterOutcome[];
    try {
      outcomes = await receiveLetters({ db, now: opts.now, log }, route, key, letters);
    } catch (err) {
      log.warn({ err, channel: route.channel, uids: `${letters[0]?.uid}:${letters.at(-1)?.uid}` }, 'a batch of letters could not be stored together: storing them one by one');
      for (const l of letters) await store(l.uid, l.letter, l.source);
      return;
    }
    for (const [i, outcome] of outcomes.entries()) {
      counts[outcome]++;
      lastUid = Math.max(lastUid, letters[i]!.uid);
    }
  }

  async function drainOnce(c: ImapFlow): Promise<void> {
    const listed = await c.fetchAll(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true });
    // "N:*" names the last letter even when its UID is below N.
    const waiting = listed.filter((m) => m.uid > lastUid).sort((a, b) => a.uid - b.uid);
    const limit = wholeLetterMaxBytes(opts.attachmentMaxBytes);
    let i = 0;
    while (i < waiting.length && !stopped) {
      const group: FetchMessageObject[] = [];
      let bytes = 0;
      while (i < waiting.length && group.length < batch && (group.length === 0 || bytes + (waiting[i]!.size ?? 0) <= BATCH_BYTES)) {
        const m = waiting[i]!;
        if ((m.size ?? 0) > limit) break;
        group.push(m);
        bytes += m.size ?? 0;
        i++;
      }
      const done: number[] = [];
      if (group.length) {
        const fetched = await c.fetchAll(group.map((m) => m.uid).join(','), { uid: true, source: true, internalDate: true }, { uid: true });
        fetched.sort((a, b) => a.uid - b.uid);
        const letters: FetchedLetter[] = [];
        for (const m of fetched) {
          if (!m.source) continue;
          const receivedAt = m.internalDate ? new Date(m.internalDate) : opts.now();
          letters.push({ uid: m.uid, letter: await parseLetter(m.source, { maxBytes: opts.attachmentMaxBytes, receivedAt }), source: m.source });
        }
        await storeBatch(letters);
        done.push(...letters.map((l) => l.uid));
      } else {
        const m = waiting[i++]!;
        log.warn({ channel: route.channel, uid: m.uid, size: m.size }, 'letter larger than the attachment limit: reading its parts one by one');
        const { letter, source } = await fetchLargeLetter(c, m.uid, { maxBytes: opts.attachmentMaxBytes, receivedAt: opts.now() });
        await store(m.uid, letter, source);
        done.push(m.uid);
      }
      // Flagged only once stored: a letter seen in a mail client but not in Pult cannot happen.
      if (done.length) await c.messageFlagsAdd(done.join(','), ['\\Seen'], { uid: true });
    }
  }

  /** Drains until no new letter came while draining. One drain at a time. */
  function drain(c: ImapFlow): Promise<void> {
    if (draining) {
      again = true;
      return draining;
    }
    draining = (async () => {
      try {
        do {
          again = false;
          await drainOnce(c);
        } while (again && !stopped);
      } finally {
        draining = null;
        settle();
      }
    })();
    return draining;
  }

  async function session(): Promise<void> {
    const c = new ImapFlow({
      host: imap.host, port: imap.port, secure: imap.security === 'tls', doSTARTTLS: imap.security === 'starttls' ? true : imap.security === 'none' ? false : undefined,
      auth: { user: imap.user, pass: imap.password }, logger: false,
      // IDLE soon after each burst of commands: new mail is reported at once only while idling.
      autoIdleDelay: 500, connectionTimeout: opts.timeoutMs ?? 30_000, greetingTimeout: opts.timeoutMs ?? 30_000,
    });
    client = c;
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    c.on('error', (err: Error) => log.warn({ channel: route.channel, err: err.message }, 'IMAP connection error'));
    try {
      await c.connect();
      const mailbox = await c.mailboxOpen(imap.mailbox);
      lastUid = await openMailboxState(db, key, mailbox.uidValidity, opts.now());
      c.on('exists', () => {
        pendingCheck = true;
        void drain(c).catch((err: unknown) => { log.error({ err, channel: route.channel }, 'reading new letters failed'); c.close(); }).finally(() => { pendingCheck = false; settle(); });
      });
      // The folder was recreated under us: its UIDs mean other letters now. Start over.
      c.on('mailboxOpen', (m: { uidValidity: bigint }) => { if (m.uidValidity !== mailbox.uidValidity) c.close(); });
      open = true;
      sessions++;
      await drain(c);
      log.info({ channel: route.channel, mailbox: imap.mailbox, lastUid }, 'mailbox read; waiting for new letters (IDLE)');
      await closed;
    } finally {
      open = false;
      client = null;
      c.close();
    }
  }

  const loop = (async () => {
    let backoff = opts.backoffMs ?? 1000;
    while (!stopped) {
      const startedAt = Date.now();
      try {
        await session();
      } catch (err) {
        log.warn({ channel: route.channel, err: (err as Error).message }, 'IMAP session ended');
      }
      if (stopped) break;
      // A session that lasted a while was healthy: start the backoff over.
      if (Date.now() - startedAt > 60_000) backoff = opts.backoffMs ?? 1000;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, backoff);
        wake = () => { clearTimeout(t); resolve(); };
      });
      wake = null;
      backoff = Math.min(backoff * 2, opts.maxBackoffMs ?? 60_000);
    }
  })();

  return {
    mailbox: key,
    counts,
    connected: () => open,
    sessions: () => sessions,
    caughtUp(timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const done = () => { clearTimeout(timer); idleWaiters.delete(done); resolve(); };
        const timer = setTimeout(() => { idleWaiters.delete(done); reject(new Error(`mailbox ${imap.mailbox} not caught up within ${timeoutMs} ms`)); }, timeoutMs);
        idleWaiters.add(done);
        settle();
      });
    },
    async stop() {
      stopped = true;
      wake?.();
      const c = client;
      if (c) {
        await draining?.catch(() => {});
        await c.logout().catch(() => c.close());
      }
      await loop;
    },
  };
}
