// Customer search over the replica's index (db/customer-index.ts): a phone by its E.164 form, an
// account number exactly or by its first digits, a name by the starts of its words in any order
// («иванова ан» → «Иванова Анна Сергеевна»), an address by its street words and house/flat numbers.
// Letters alone are tried as a name first, then as a street. Every query is bounded; a word is
// bound as a LIKE parameter with its wildcards escaped, so no input reaches SQL as syntax.
import type { Statement } from 'better-sqlite3';
import type { Customer } from '../../../contract/domain/customer.ts';
import { CUSTOMER_SEARCH_MAX, type CustomerHit, type CustomerMatchField, type CustomerSearchInput } from '../../../contract/customers-ipc.ts';
import type { Db } from '../db/open-replica-file.ts';
import { parseCustomerQuery, type ParsedQuery } from './parse-query.ts';
import { toHit } from './to-hit.ts';

export const DEFAULT_CUSTOMER_LIMIT = 20;
/** Rows a word query may look at before ranking; a surname shared by more is a rare, vague query. */
const CANDIDATES = 2000;

interface Match {
  id: string;
  matched: CustomerMatchField;
  phone?: string;
}

const like = (w: string) => w.replace(/[\\%_]/g, (c) => `\\${c}`);

/** How well one typed word fits one word of the name: the whole word, its start, or inside it. */
function fit(typed: string, word: string): number {
  if (word === typed) return 3;
  if (word.startsWith(typed)) return 2;
  return word.includes(typed) ? 1 : 0;
}

function nameScore(typed: readonly string[], key: string): number {
  const words = key.trim().split(' ');
  let score = typed.reduce((sum, t) => sum + Math.max(0, ...words.map((w) => fit(t, w))), 0);
  // The surname is typed first; a name whose first word fits it comes first.
  if (typed[0] && words[0] && fit(typed[0], words[0]) >= 2) score += 1;
  return score;
}

/** A typed house or flat number fits a word that is that number, or starts it before a letter: 12 → 12к2, 12а, 12/1. */
function numberFits(n: string, words: readonly string[]): boolean {
  return words.some((w) => w === n || (w.startsWith(n) && !/\d/.test(w[n.length]!)));
}

const collator = new Intl.Collator('ru', { numeric: true });

export function createReplicaCustomerSearch(db: Db): (input: CustomerSearchInput) => { hits: CustomerHit[] } {
  const byPhone = db.prepare('SELECT customer_id FROM customer_phone WHERE e164 = ? ORDER BY customer_id LIMIT ?').pluck();
  // Digits only, so every account starting with the prefix sorts below prefix + ':' (after '9').
  const byAccount = db
    .prepare('SELECT id FROM customer WHERE account_number >= ? AND account_number < ? ORDER BY length(account_number) <> ?, account_number LIMIT ?')
    .pluck();
  const rows = db.prepare(
    `SELECT c.id, c.data, t.name AS tariff FROM customer c LEFT JOIN tariff t ON t.id = c.data ->> '$.tariffId'
     WHERE c.id IN (SELECT value FROM json_each(?))`,
  );
  const statements = new Map<string, Statement>();
  const wordQuery = (column: 'name_key' | 'address_key', n: number, inside: boolean): Statement => {
    const key = `${column}|${n}|${inside}`;
    let s = statements.get(key);
    if (!s) {
      const where = Array.from({ length: n }, () => `${column} LIKE ? ESCAPE '\\'`).join(' AND ');
      s = db.prepare(`SELECT customer_id AS id, ${column} AS key FROM customer_search WHERE ${where} LIMIT ${CANDIDATES}`);
      statements.set(key, s);
    }
    return s;
  };
  const wordRows = (column: 'name_key' | 'address_key', words: readonly string[], inside: boolean) =>
    wordQuery(column, words.length, inside).all(words.map((w) => (inside ? `%${like(w)}%` : `% ${like(w)}%`))) as Array<{ id: string; key: string }>;

  function byName(words: readonly string[]): Match[] {
    // Starts of words first; only when nothing starts so, a word anywhere inside the name.
    let found = wordRows('name_key', words, false);
    if (found.length === 0) found = wordRows('name_key', words, true);
    return found
      .map((r) => ({ id: r.id, key: r.key, score: nameScore(words, r.key) }))
      .sort((a, b) => b.score - a.score || collator.compare(a.key, b.key))
      .map((r) => ({ id: r.id, matched: 'name' }));
  }

  function byAddress(words: readonly string[], numbers: readonly string[]): Match[] {
    return wordRows('address_key', words, false)
      .filter((r) => numbers.every((n) => numberFits(n, r.key.trim().split(' '))))
      .sort((a, b) => collator.compare(a.key, b.key))
      .map((r) => ({ id: r.id, matched: 'address' }));
  }

  function matches(q: ParsedQuery, limit: number): Match[] {
    switch (q.kind) {
      case 'empty':
        return [];
      case 'number': {
        const out: Match[] = [];
        if (q.phone) for (const id of byPhone.all(q.phone, limit) as string[]) out.push({ id, matched: 'phone', phone: q.phone });
        if (q.account) {
          for (const id of byAccount.all(q.account, `${q.account}:`, q.account.length, limit) as string[]) out.push({ id, matched: 'account' });
        }
        return out;
      }
      case 'name': {
        const names = byName(q.words);
        return names.length >= limit ? names : [...names, ...byAddress(q.words, [])];
      }
      case 'address':
        return byAddress(q.words, q.numbers);
    }
  }

  return (input) => {
    const limit = Math.min(input.limit ?? DEFAULT_CUSTOMER_LIMIT, CUSTOMER_SEARCH_MAX);
    const seen = new Set<string>();
    const picked = matches(parseCustomerQuery(input.query), limit).filter((m) => !seen.has(m.id) && seen.add(m.id)).slice(0, limit);
    if (picked.length === 0) return { hits: [] };
    const found = new Map(
      (rows.all(JSON.stringify(picked.map((m) => m.id))) as Array<{ id: string; data: string; tariff: string | null }>).map((r) => [r.id, r]),
    );
    const hits: CustomerHit[] = [];
    for (const m of picked) {
      const r = found.get(m.id);
      if (r) hits.push(toHit(JSON.parse(r.data) as Customer, m.matched, r.tariff, 'replica', m.phone));
    }
    return { hits };
  };
}
