// Name search is done on an application-written column so it does not depend on the database's
// locale: lower case, ё folded to е (people write "Алена" for "Алёна"), spaces collapsed.
export function nameSearchKey(name: string): string {
  return name.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** LIKE patterns, one per word of the query; every word must occur somewhere in the name. */
export function nameSearchPatterns(query: string): string[] {
  return nameSearchKey(query)
    .split(' ')
    .filter(Boolean)
    .slice(0, 6)
    .map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
