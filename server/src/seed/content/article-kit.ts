// Building blocks for knowledge-base articles: the draft shape the content files return and small
// Markdown helpers (sections, numbered steps, lists), so the content files hold words, not markup.

export interface ArticleDraft {
  title: string;
  body: string;
  tags: string[];
}

/** «1. …» lines. */
export const steps = (items: readonly string[]) => items.map((s, i) => `${i + 1}. ${s}`).join('\n');

/** «- …» lines. */
export const bullets = (items: readonly string[]) => items.map((s) => `- ${s}`).join('\n');

/** A «## heading» followed by its paragraphs and lists. */
export const section = (heading: string, ...parts: readonly string[]) => [`## ${heading}`, ...parts].join('\n\n');

/** The article body: blocks separated by blank lines. */
export const doc = (...parts: readonly string[]) => parts.filter(Boolean).join('\n\n');

/** A short boxed remark for the operator. */
export const tip = (text: string) => `> **Оператору:** ${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** «…» around a name; quotes inside it become „…“, as Russian typography nests them. */
export const quoted = (name: string) => `«${name.replace(/«/g, '„').replace(/»/g, '“')}»`;
