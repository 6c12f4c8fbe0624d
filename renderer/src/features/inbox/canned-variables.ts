// Filling a canned response's variables ({{name}}, {{account}}, {{tariff}}, {{operator}}) from the
// customer's card and the operator's name. One pass over the text: a value is inserted as plain
// text and never read again, so a customer named "{{operator}}" stays that name. A variable without
// a value stays visible as {{name}}, listed in `missing`, for the operator to fill in — never
// silently empty. WhatsApp template parameters are filled the same way, then kept to what Meta
// accepts (one line, no tabs, no runs of spaces).
import { CANNED_VARIABLES, type CannedVariable } from '../../../../contract/domain/canned-response.ts';
import type { MessageTemplate } from '../../../../contract/domain/conversation.ts';

export type CannedValues = Partial<Record<CannedVariable, string | null | undefined>>;

export interface Filled {
  text: string;
  /** Variables the text uses that had no value (still written {{…}} in `text`). */
  missing: CannedVariable[];
}

const VARIABLE = /\{\{\s*([a-z]+)\s*\}\}/g;
const KNOWN = new Set<string>(CANNED_VARIABLES);
// Control characters (but line breaks and tabs) and bidirectional overrides cannot come from a card
// on purpose; they would hide or reorder what the customer reads.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
const VALUE_MAX = 200;

/** A card's value as it may go into a reply: trimmed, without control characters, not too long; '' when none. */
export function cleanValue(v: string | null | undefined): string {
  return (v ?? '').replace(UNSAFE, '').replace(/\s+/g, ' ').trim().slice(0, VALUE_MAX);
}

/** How a Russian contact center addresses a customer: «Анна Сергеевна» for «Иванова Анна Сергеевна». */
export function addressName(fullName: string | null | undefined): string {
  const name = cleanValue(fullName);
  const words = name.split(' ');
  return words.length === 3 && /^[А-ЯЁа-яё-]+$/.test(words.join('')) ? `${words[1]} ${words[2]}` : name;
}

export function fillVariables(text: string, values: CannedValues): Filled {
  const missing = new Set<CannedVariable>();
  const out = text.replace(VARIABLE, (whole, key: string) => {
    if (!KNOWN.has(key)) return whole;
    const value = cleanValue(values[key as CannedVariable]);
    if (value) return value;
    missing.add(key as CannedVariable);
    return `{{${key}}}`;
  });
  return { text: out, missing: [...missing] };
}

/** Known variables still written {{…}} in a text the operator is about to send. */
export function unfilledVariables(text: string): CannedVariable[] {
  const found = new Set<CannedVariable>();
  for (const m of text.matchAll(VARIABLE)) if (KNOWN.has(m[1]!)) found.add(m[1] as CannedVariable);
  return [...found];
}

/** A template parameter as WhatsApp takes it: one line, no tabs, at most three spaces in a row. */
export function templateParameter(v: string): string {
  return v.replace(/[\r\n\t]+/g, ' ').replace(/ {4,}/g, '   ').trim().slice(0, 1024);
}

/** The template with its parameters filled; `missing` lists variables without a value. */
export function fillTemplate(template: MessageTemplate, values: CannedValues): { template: MessageTemplate; missing: CannedVariable[] } {
  const missing = new Set<CannedVariable>();
  const parameters = template.parameters.map((p) => {
    const f = fillVariables(p, values);
    f.missing.forEach((m) => missing.add(m));
    return templateParameter(f.text);
  });
  return { template: { ...template, parameters }, missing: [...missing] };
}
