// Typed access to the Snowball stemmers (the `snowball-stemmers` package is CommonJS without types).
// A stemmer object keeps only the word being stemmed, and every call is synchronous, so one
// instance per language is safe to share between calls.
import { createRequire } from 'node:module';

interface Stemmer {
  stem(word: string): string;
}
interface SnowballFactory {
  newStemmer(language: 'russian' | 'english'): Stemmer;
}

const snowball = createRequire(import.meta.url)('snowball-stemmers') as SnowballFactory;
const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');

/** Russian Snowball stem of a lower-case word with ё already folded to е (the algorithm knows no ё). */
export const stemRussian = (word: string): string => russian.stem(word);

/** English Snowball (Porter2) stem of a lower-case word. */
export const stemEnglish = (word: string): string => english.stem(word);
