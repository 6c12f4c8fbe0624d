// Russian formatting of dates and addresses for generated text, written out so the result does not
// depend on the ICU data of the Node build. Dates are shown in Moscow time (UTC+3, no DST).

const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const MSK_OFFSET_MS = 3 * 3_600_000;

function moscow(date: Date | string): Date {
  return new Date((typeof date === 'string' ? Date.parse(date) : date.getTime()) + MSK_OFFSET_MS);
}

/** «12 марта». */
export function ruDay(date: Date | string): string {
  const d = moscow(date);
  return `${d.getUTCDate()} ${MONTHS_GENITIVE[d.getUTCMonth()]}`;
}

/** «12 марта 2025 г.». */
export function ruDate(date: Date | string): string {
  return `${ruDay(date)} ${moscow(date).getUTCFullYear()} г.`;
}

/** «Москва, Профсоюзная улица, д. 12, кв. 45»; regional towns get their region. */
export function ruAddress(a: { region: string; city: string; street: string; house: string; apartment: string | null }): string {
  const place = a.region === a.city ? a.city : `${a.region}, ${a.city}`;
  return `${place}, ${a.street}, д. ${a.house}${a.apartment ? `, кв. ${a.apartment}` : ''}`;
}

/** Lower-cases the first letter, for a name inside a sentence, unless it starts an abbreviation («ТВ-пакет» stays). */
export const lowerFirst = (s: string) => (/^.\p{Ll}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
