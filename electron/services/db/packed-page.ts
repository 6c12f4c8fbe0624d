// A prepared page (prepare-page.ts) as it crosses from the page checker's thread to the worker:
// every value of every change in one flat array, not an object per change. Structured cloning
// copies an object key by key and builds it again property by property on the other side, which
// for a page of 2 000 customers cost the worker several times the copy of the same values in a
// flat array (the page's strings are copied either way); the worker, the bottleneck of a first
// sync, turns the array back into changes at a fraction of that.
//
// Layout of `values`, change after change: op, entity, id, version; an upsert then has its JSON,
// its columns (entity-tables.ts, a fixed number per entity), and for a customer the count of its
// phones, the phones, the name key and the address key, for an article ARTICLE_FIELDS values.
import { SYNC_ENTITIES, type SyncEntityName } from '../../../contract/sync.ts';
import type { PreparedArticle } from '../kb/index-articles.ts';
import type { CustomerKeys } from './customer-keys.ts';
import { columnNames } from './entity-tables.ts';
import type { PreparedChange, PreparedPage } from './prepare-page.ts';
import { ReplicaError } from './replica-error.ts';

type Value = string | number | null;

export interface PackedPage {
  after: string;
  next: string;
  hasMore: boolean;
  remaining: number;
  changes: number;
  values: Value[];
  /** The vocabulary's pairs, word then term. */
  vocabulary: string[];
}

const ARTICLE_FIELDS = 11;
const entities = new Set<string>(SYNC_ENTITIES);
const columnCount = new Map<SyncEntityName, number>(SYNC_ENTITIES.map((e) => [e, columnNames(e).length]));

export function packPage(page: PreparedPage): PackedPage {
  const v: Value[] = [];
  for (const c of page.changes) {
    v.push(c.op, c.entity, c.id, c.version);
    if (c.op === 'delete') continue;
    v.push(c.json!);
    for (const x of c.columns!) v.push(x);
    if (c.customer) {
      v.push(c.customer.phones.length);
      for (const p of c.customer.phones) v.push(p);
      v.push(c.customer.nameKey, c.customer.addressKey);
    } else if (c.article) {
      const { id, category, title, updatedAt, t } = c.article;
      v.push(id, category, title, updatedAt, t.text, t.terms, t.title, t.body, t.tags, t.length, t.headLength);
    }
  }
  const vocabulary: string[] = [];
  for (const [word, term] of page.vocabulary) vocabulary.push(word, term);
  return { after: page.after, next: page.next, hasMore: page.hasMore, remaining: page.remaining, changes: page.changes.length, values: v, vocabulary };
}

/** The page packPage packed; a layout it does not hold throws (a checker of another version). */
export function unpackPage(p: PackedPage): PreparedPage {
  const v = p.values;
  let i = 0;
  const bad = (what: string): never => {
    throw new ReplicaError('internal', `a checked page is malformed at value ${i}: ${what}`);
  };
  const str = (): string => (typeof v[i] === 'string' ? (v[i++] as string) : bad('expected a string'));
  const int = (): number => (Number.isSafeInteger(v[i]) ? (v[i++] as number) : bad('expected an integer'));
  const changes: PreparedChange[] = new Array<PreparedChange>(p.changes);
  for (let n = 0; n < p.changes; n++) {
    const op = str();
    const entity = str() as SyncEntityName;
    if ((op !== 'upsert' && op !== 'delete') || !entities.has(entity)) return bad(`change ${op} of ${entity}`);
    const id = str();
    const version = str();
    if (op === 'delete') {
      changes[n] = { op, entity, id, version };
      continue;
    }
    const json = str();
    const columns = v.slice(i, (i += columnCount.get(entity)!));
    const c: PreparedChange = { op, entity, id, version, json, columns };
    if (entity === 'customer') {
      const count = int();
      const customer: CustomerKeys = { phones: v.slice(i, (i += count)) as string[], nameKey: str(), addressKey: str() };
      c.customer = customer;
    } else if (entity === 'article') {
      const a = v.slice(i, (i += ARTICLE_FIELDS));
      const article: PreparedArticle = {
        id: a[0] as string,
        category: a[1] as PreparedArticle['category'],
        title: a[2] as string,
        updatedAt: a[3] as string,
        t: { text: a[4] as string, terms: a[5] as string, title: a[6] as string, body: a[7] as string, tags: a[8] as string, length: a[9] as number, headLength: a[10] as number },
      };
      c.article = article;
    }
    changes[n] = c;
  }
  if (i !== v.length) bad(`the page has ${v.length} values`);
  const vocabulary: Array<[string, string]> = [];
  for (let k = 0; k + 1 < p.vocabulary.length; k += 2) vocabulary.push([p.vocabulary[k]!, p.vocabulary[k + 1]!]);
  return { after: p.after, changes, next: p.next, hasMore: p.hasMore, remaining: p.remaining, vocabulary };
}
