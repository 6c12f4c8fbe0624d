// Words callers and operators say or type that the articles write differently. Applied to a
// normalised word before stemming, at index and at query time. Keep it short: every entry is a
// guess about how people type, and the trigram fallback covers ordinary typos.
const SPOKEN_FORMS: ReadonlyArray<readonly [RegExp, string]> = [
  // вайфай, вайфая, вай-фай (a compound arrives with its parts joined): the articles say Wi-Fi.
  [/^вайфа/, 'wifi'],
  // инет, инета, инетом — slang for интернет.
  [/^инет(?:а|у|ом|е)?$/, 'интернет'],
];

export function writtenForm(word: string): string {
  for (const [spoken, written] of SPOKEN_FORMS) if (spoken.test(word)) return written;
  return word;
}
