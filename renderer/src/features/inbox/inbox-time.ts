// Times in the Inbox: today's as hours and minutes, this year's as day and month, older with the
// year. Formatters are made once per language: a list draws many rows.
const cache = new Map<string, { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat; full: Intl.DateTimeFormat }>();

function formatters(language: string) {
  let f = cache.get(language);
  if (!f) {
    const locale = language === 'ru' ? 'ru-RU' : 'en-GB';
    f = {
      time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
      day: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }),
      full: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }),
    };
    cache.set(language, f);
  }
  return f;
}

export function listTime(iso: string, language: string, now = new Date()): string {
  const d = new Date(iso);
  const f = formatters(language);
  if (d.toDateString() === now.toDateString()) return f.time.format(d);
  if (d.getFullYear() === now.getFullYear()) return f.day.format(d);
  return f.full.format(d);
}

/** A message's time in a chat: hours and minutes, with the day when it was not today. */
export function inboxClock(iso: string, language: string, now = new Date()): string {
  const d = new Date(iso);
  const f = formatters(language);
  return d.toDateString() === now.toDateString() ? f.time.format(d) : `${listTime(iso, language, now)}, ${f.time.format(d)}`;
}
