// Offline knowledge-base search over SQLite FTS5, Russian- and English-aware. Works on the
// replica's better-sqlite3 connection it is handed; synchronous, no module state beyond the
// stateless stemmers.
export { createKbIndex, KB_INDEX_VERSION, KB_SCHEMA_SQL } from './schema.ts';
export { indexArticles, prepareArticle, prepareArticles, removeArticles, writeArticles, type PreparedArticle, type PreparedArticles } from './index-articles.ts';
export { searchArticles } from './search.ts';
export { tidyIndex, tidyStep } from './tidy.ts';
export type { KbHit, KbSearchOptions, KbSearchResult, SnippetSegment } from './types.ts';
