// Everything about applying a pull page that needs no database: the page checked (its JSON, the
// contract's schema for every row, versions past the cursor — sync/pull-page.ts), and each change
// turned into what the replica writes: the checked data serialised as the row stores it, the
// entity's columns (entity-tables.ts), the customer index's keys, the knowledge base's terms.
// Plain data only, so that a page can be prepared on the page checker's thread (page-checker.ts)
// while the worker applies the page before it; apply-page.ts writes the result.
import type { Article } from '../../../contract/domain/article.ts';
import type { Customer } from '../../../contract/domain/customer.ts';
import type { SyncEntityName } from '../../../contract/sync.ts';
import { prepareArticle, type PreparedArticle } from '../kb/index-articles.ts';
import { vocabularyOf, type WordEntry } from '../kb/word-terms.ts';
import { BadPageError, parsePullPage } from '../sync/pull-page.ts';
import { customerKeys, type CustomerKeys } from './customer-keys.ts';
import { columnExtractors } from './entity-tables.ts';
import { ReplicaError } from './replica-error.ts';

type Value = string | number | null;

export interface PreparedChange {
  op: 'upsert' | 'delete';
  entity: SyncEntityName;
  id: string;
  version: string;
  /** Upserts: the checked data as JSON, and the values of the entity's columns. */
  json?: string;
  columns?: Value[];
  /** Upserts of a customer: its search keys. */
  customer?: CustomerKeys;
  /** Upserts of an article: what the search index holds of it. */
  article?: PreparedArticle;
}

export interface PreparedPage {
  /** The cursor the page was requested with; applying checks it is still the stored one. */
  after: string;
  changes: PreparedChange[];
  next: string;
  hasMore: boolean;
  remaining: number;
  /** Every (normalised word, term) pair of the page's articles, for the search vocabulary. */
  vocabulary: Array<[word: string, term: string]>;
}

/** Decoded as Buffer#toString does (invalid sequences become U+FFFD, a BOM stays and fails JSON). */
const textOf = (body: string | Uint8Array) => (typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));

const extractors = new Map<SyncEntityName, Array<(row: unknown) => Value>>();
const columnsOf = (entity: SyncEntityName, data: unknown): Value[] => {
  let ex = extractors.get(entity);
  if (!ex) extractors.set(entity, (ex = columnExtractors(entity)));
  return ex.map((f) => f(data));
};

/** Checks a page as received and prepares it; a bad page throws ReplicaError('bad_page'). */
export function preparePage(body: string | Uint8Array, after: string): PreparedPage {
  let page;
  try {
    page = parsePullPage(textOf(body), after);
  } catch (e) {
    if (e instanceof BadPageError) throw new ReplicaError('bad_page', e.message);
    throw e;
  }
  const seen = new Set<WordEntry>();
  const changes = page.changes.map((c): PreparedChange => {
    if (c.op === 'delete') return { op: 'delete', entity: c.entity, id: c.id, version: c.version };
    const p: PreparedChange = { op: 'upsert', entity: c.entity, id: c.id, version: c.version, json: JSON.stringify(c.data), columns: columnsOf(c.entity, c.data) };
    if (c.entity === 'customer') p.customer = customerKeys(c.data as Customer);
    else if (c.entity === 'article') p.article = prepareArticle(c.data as Article, seen);
    return p;
  });
  return { after, changes, next: page.next.toString(), hasMore: page.hasMore, remaining: page.remaining, vocabulary: [...vocabularyOf(seen)] };
}
