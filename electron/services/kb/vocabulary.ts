// kb_vocab and its trigram index (schema.ts): words are added once, the trigram index gets only
// the words that are new. One statement for a batch's words: most of them are known already.
import type { Db } from './db.ts';
import { statement } from './statements.ts';
import { padded } from './trigrams.ts';

export function addToVocabulary(db: Db, vocab: ReadonlyArray<readonly [word: string, term: string]>): void {
  if (vocab.length === 0) return;
  const added = statement<[string], { id: number; word: string }>(db, `
    INSERT INTO kb_vocab (word, term) SELECT key, value FROM json_each(?) WHERE true
    ON CONFLICT (word) DO NOTHING RETURNING id, word`).all(JSON.stringify(Object.fromEntries(vocab)));
  const index = statement<[number, string]>(db, 'INSERT INTO kb_vocab_trigram (rowid, word) VALUES (?, ?)');
  for (const { id, word } of added) index.run(id, padded(word));
}
