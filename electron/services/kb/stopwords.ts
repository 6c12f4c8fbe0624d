// Words dropped from a query: they occur in nearly every article, so requiring them would only
// lose results — «пароль от вайфая» must not need the word «от». Left out of the indexed body for
// the same reason (titles and tags keep them, for a query of stopwords alone); so a change here
// changes the index (KB_INDEX_VERSION).
// Deliberately missing: «нет» and «не работает»-style words that carry the caller's problem.
export const STOPWORDS: ReadonlySet<string> = new Set([
  // Russian
  'а', 'без', 'бы', 'в', 'во', 'вы', 'да', 'для', 'до', 'его', 'ее', 'если', 'же', 'за', 'и', 'из',
  'или', 'их', 'к', 'как', 'ко', 'ли', 'мне', 'мой', 'мы', 'на', 'над', 'не', 'но', 'ну', 'о', 'об',
  'он', 'она', 'они', 'оно', 'от', 'по', 'под', 'при', 'про', 'с', 'со', 'так', 'то', 'ты', 'у',
  'уже', 'что', 'чтобы', 'это', 'я',
  // Pronouns and fillers of spoken requests («договор на нём», «в доме нет вашей сети»).
  'ему', 'ей', 'ним', 'ней', 'нем', 'них', 'им', 'моя', 'мое', 'мои', 'наш', 'наша', 'наше', 'наши',
  'нашей', 'ваш', 'ваша', 'ваше', 'ваши', 'вашей', 'вашу', 'тот', 'та', 'те', 'тут', 'там', 'здесь',
  'хочу', 'хотим', 'сколько', 'можно', 'нужно', 'надо', 'очень', 'совсем', 'еще', 'просто', 'пожалуйста', 'вообще',
  // English
  'a', 'an', 'and', 'are', 'for', 'how', 'i', 'in', 'is', 'it', 'my', 'not', 'of', 'on', 'or', 'the',
  'to', 'with',
]);
