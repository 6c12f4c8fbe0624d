// E-mail ingest: letters waiting in a real Dovecot mailbox read into the embedded database by the
// server's IMAP reader (fetched in batches of 50, parsed, threaded, one synced transaction per batch
// with its last UID, then flagged \Seen), from the reader's start until the last letter is stored.
// Most of what remains is the change feed's fan-out: a new conversation goes into the shared queue,
// i.e. into every operator's feed with its message (about 30 operators in the seed).
// Baseline, same run, same letters: parsing them with mailparser alone, in memory (the floor of the
// work the reader does per letter). Letters are generated (seeded): Russian text, senders from the
// seed's customers and strangers, one in four a reply threaded by In-Reply-To, one in ten with a
// small PDF, a few in KOI8-R / windows-1251. They are written straight into the Maildir, as a
// delivery agent would.
// Run alone: node bench/scenarios/email-ingest.ts [letters]   (200 for a quick smoke run)
import { chownSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { startDovecot } from '../../scripts/dovecot.ts';
import { startImapReader } from '../../server/src/channels/email/imap-reader.ts';
import { emailRoute } from '../../server/src/channels/email/receive-letter.ts';
import { ATTACHMENT_MAX_BYTES } from '../../server/src/channels/settings.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { openDatabase } from '../../server/src/db/open-database.ts';
import { generateSeedData } from '../../server/src/seed/generate.ts';
import { insertSeedData } from '../../server/src/seed/insert.ts';
import { fmtOps, type Row } from '../lib/timing.ts';

const SUBJECTS = ['Не работает интернет', 'Счёт за ноябрь', 'Смена тарифа', 'Переезд на новый адрес', 'Роутер мигает красным', 'Возврат оборудования', 'Низкая скорость вечером', 'Подключение ТВ'];
const LINES = [
  'Здравствуйте! С утра нет интернета, роутер перезагружала.',
  'Прошу пересчитать абонентскую плату за дни без связи.',
  'Подскажите, пожалуйста, какие тарифы доступны по моему адресу?',
  'Скорость вечером падает до 5 Мбит/с, хотя по тарифу 500.',
  'Номер договора указан в приложении, скан паспорта тоже.',
  'Спасибо за быстрый ответ, всё заработало.',
];

/** A deterministic pseudo-random sequence (mulberry32), so every run gets the same letters. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function singleByte(text: string, charset: 'koi8-r' | 'windows-1251'): Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64').replace(/.{76}/g, '$&\r\n');
const word = (s: string) => `=?utf-8?B?${Buffer.from(s).toString('base64')}?=`;

function letters(count: number, emails: string[]): Buffer[] {
  const r = rng(20261126);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const out: Buffer[] = [];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const from = r() < 0.6 && emails.length ? pick(emails) : `client${Math.floor(r() * 5000)}@example.org`;
    const id = `<bench-${i}@${from.split('@')[1]}>`;
    const replyTo = i > 10 && r() < 0.25 ? pick(ids) : null;
    const subject = `${replyTo ? 'Re: ' : ''}${pick(SUBJECTS)}`;
    const text = Array.from({ length: 2 + Math.floor(r() * 5) }, () => pick(LINES)).join('\r\n');
    const head = [`From: ${word('Клиент')} <${from}>`, 'To: support@pult.test', `Subject: ${word(subject)}`, `Message-ID: ${id}`, `Date: ${new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toUTCString()}`, 'MIME-Version: 1.0', ...(replyTo ? [`In-Reply-To: ${replyTo}`, `References: ${replyTo}`] : [])];
    const charset = i % 50 === 0 ? 'koi8-r' : i % 50 === 1 ? 'windows-1251' : null;
    let body: Buffer;
    if (i % 10 === 5) {
      const pdf = `%PDF-1.4\n% счёт ${i}\n${'0'.repeat(2000 + Math.floor(r() * 8000))}\n%%EOF`;
      head.push('Content-Type: multipart/mixed; boundary="b"');
      body = Buffer.from(`--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(text)}\r\n--b\r\nContent-Type: application/pdf; name="schet-${i}.pdf"\r\nContent-Disposition: attachment; filename="schet-${i}.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(pdf)}\r\n--b--\r\n`);
    } else if (charset) {
      head.push(`Content-Type: text/plain; charset=${charset}`, 'Content-Transfer-Encoding: 8bit');
      body = Buffer.concat([singleByte(text, charset), Buffer.from('\r\n')]);
    } else {
      head.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64');
      body = Buffer.from(`${b64(text)}\r\n`);
    }
    out.push(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]));
    ids.push(id);
  }
  return out;
}

export async function emailIngest(count = 10_000): Promise<Row[]> {
  if (!Number.isInteger(count) || count < 1) throw new Error(`letters: a whole number, at least 1 (got ${count})`);
  const dir = mkdtempSync(join(tmpdir(), 'pult-bench-mail-'));
  const database = await openDatabase({ dataDir: dir });
  const dovecot = await startDovecot({ users: [{ user: 'support', password: 'bench-secret' }] });
  try {
    await migrateToLatest(database.db);
    const seed = generateSeedData({ seed: 7, customers: 2000, now: new Date() });
    await insertSeedData(database.db, seed, { scrypt: { N: 1024, r: 8, p: 1 } });
    const sources = letters(count, seed.customers.flatMap((c) => c.emails));

    // Baseline: mailparser alone, same letters, same options as the reader's.
    const t0 = performance.now();
    for (const s of sources) await simpleParser(s, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true, keepDeliveryStatus: true });
    const parseMs = performance.now() - t0;

    // Delivered into the Maildir, owned by the user Dovecot reads mail as.
    const maildir = join(dovecot.mailDir, 'support', 'Maildir');
    const owner = statSync(dovecot.mailDir);
    for (const sub of ['', 'cur', 'new', 'tmp']) {
      mkdirSync(join(maildir, sub), { recursive: true });
      chownSync(join(maildir, sub), owner.uid, owner.gid);
      chownSync(join(dovecot.mailDir, 'support'), owner.uid, owner.gid);
    }
    sources.forEach((s, i) => {
      const file = join(maildir, 'new', `${1_700_000_000 + i}.M${i}P1.bench`);
      writeFileSync(file, s);
      chownSync(file, owner.uid, owner.gid);
    });

    const log = pino({ level: 'error' });
    const t1 = performance.now();
    const reader = startImapReader({
      db: database.db, imap: { host: dovecot.host, port: dovecot.port, security: 'none', user: 'support', password: 'bench-secret', mailbox: 'INBOX' },
      route: emailRoute, attachmentMaxBytes: ATTACHMENT_MAX_BYTES, now: () => new Date(), log,
    });
    // Bounded: at most 10 minutes plus 100 ms a letter.
    const deadline = Date.now() + 600_000 + count * 100;
    while (reader.counts.stored + reader.counts.duplicate + reader.counts.bounce < count) {
      if (Date.now() > deadline) throw new Error(`only ${reader.counts.stored} of ${count} letters stored in time`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const ingestMs = performance.now() - t1;
    await reader.stop();
    const ours = await database.db.selectFrom('messages')
      .select((eb) => [eb.fn.countAll<number>().as('letters'), eb.fn.count<number>('conversation_id').distinct().as('conversations')])
      .where('channel', '=', 'email').where('channel_message_id', 'like', '<bench-%').executeTakeFirstOrThrow();
    const stored = Number(ours.letters);
    const conversations = Number(ours.conversations);
    if (stored !== count) throw new Error(`${stored} letters in the database, ${count} delivered`);

    const ingestRate = (count / ingestMs) * 1000;
    const parseRate = (count / parseMs) * 1000;
    return [{
      scenario: `e-mail ingest: ${count.toLocaleString('en-US')} letters from Dovecot (IMAP) into the embedded database (${conversations.toLocaleString('en-US')} conversations)`,
      measured: `${fmtOps(ingestRate)} letters (${(ingestMs / 1000).toFixed(1)} s)`,
      baseline: `${fmtOps(parseRate)} letters parsed by mailparser alone (${(parseMs / 1000).toFixed(1)} s)`,
      ratio: ingestRate / parseRate,
      of: 'letters per second: ingest / parse alone',
    }];
  } finally {
    await dovecot.stop();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  for (const row of await emailIngest(n)) console.log(`${row.scenario}\n  measured: ${row.measured}\n  baseline: ${row.baseline}\n  ratio:    ${row.ratio.toFixed(3)}× (${row.of})`);
}
