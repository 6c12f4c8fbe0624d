// The conversation templates fit the generator: every channel a scenario lists has an opening
// text, e-mail and fax have subjects, every placeholder is one the generator fills, and the
// generated messages read as Russian.
import { describe, expect, it } from 'vitest';
import { DIALOG_PLACEHOLDERS, DIALOGS } from '../../../server/src/seed/content/dialogs.ts';
import { CYRILLIC, sample } from './sample.ts';

const KNOWN = new Set<string>(DIALOG_PLACEHOLDERS);

describe('conversation templates', () => {
  it.each(DIALOGS.map((d) => [d.key, d] as const))('%s is complete for its channels', (_key, d) => {
    expect(d.threads.length).toBeGreaterThan(0);
    for (const channel of d.channels) {
      if (channel === 'whatsapp' || channel === 'telegram') expect(d.chat.length).toBeGreaterThan(0);
      if (channel === 'email') expect(d.email.length * d.subjects.length).toBeGreaterThan(0);
      if (channel === 'fax') expect(d.fax.length * d.subjects.length).toBeGreaterThan(0);
    }
    const texts = [...d.subjects, ...d.chat, ...d.email, ...d.fax, ...d.threads.flatMap((t) => [t.reply, t.followUp, t.closing, t.note])];
    for (const t of texts) {
      expect(t).toMatch(CYRILLIC);
      for (const [, key] of t.matchAll(/\{(\w+)\}/g)) expect(KNOWN, `${d.key}: {${key}}`).toContain(key);
    }
  });

  it('has a scenario from people who are not customers yet in every channel', () => {
    for (const channel of ['phone', 'email', 'fax', 'whatsapp', 'telegram'] as const) {
      expect(DIALOGS.some((d) => d.from === 'prospect' && d.channels.includes(channel))).toBe(true);
    }
  });

  it('fills the templates into Russian messages with the customer’s data', () => {
    const d = sample();
    expect(d.messages.every((m) => CYRILLIC.test(m.body))).toBe(true);
    const customers = new Map(d.customers.map((c) => [c.id, c]));
    const byConversation = new Map<string, string[]>();
    for (const m of d.messages) byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), m.body]);
    // Account numbers quoted in messages are the customer's own (or one digit off, for a mistaken payment).
    let quoted = 0;
    for (const c of d.conversations) {
      const customer = c.customerId ? customers.get(c.customerId) : null;
      if (!customer) continue;
      const text = (byConversation.get(c.id) ?? []).join('\n');
      if (text.includes(customer.accountNumber)) quoted++;
    }
    expect(quoted).toBeGreaterThan(d.conversations.length * 0.2);
    expect(d.conversations.filter((c) => c.channel === 'email').every((c) => c.subject && CYRILLIC.test(c.subject))).toBe(true);
  });
});
