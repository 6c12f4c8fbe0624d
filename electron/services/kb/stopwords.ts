// Words dropped from a query (never from the index): they occur in nearly every article, so
// requiring them would only lose results — «пароль от вайфая» must not need the word «от».
// Deliberately missing: «нет» and «не работает»-style words that carry the caller's problem.
export const STOPWORDS: ReadonlySet<string> = new Set([
  // Russian
  'а', 'без', 'бы', 'в', 'во', 'вы', 'да', 'для', 'до', 'его', 'ее', 'если', 'же', 'за', 'и', 'из',
  'или', 'их', 'к', 'как', 'ко', 'ли', 'мне', 'мой', 'мы', 'на', 'над', 'не', 'но', 'ну', 'о', 'об',
  'он', 'она', 'они', 'оно', 'от', 'по', 'под', 'при', 'про', 'с', 'со', 'так', 'то', 'ты', 'у',
  'уже', 'что', 'чтобы', 'это', 'я',
  // English
  'a', 'an', 'and', 'are', 'for', 'how', 'i', 'in', 'is', 'it', 'my', 'not', 'of', 'on', 'or', 'the',
  'to', 'with',
]);
