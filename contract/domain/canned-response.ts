// Canned responses: ready answers the operator picks in the reply composer, with variables filled
// from the customer's card and the operator's name ({{name}}, {{account}}, {{tariff}},
// {{operator}}). A catalogue every agent's replica holds, so it works offline. A WhatsApp template
// is a canned response too (kind whatsapp_template): the only thing WhatsApp lets out after the
// customer's 24-hour window has closed, sent by its approved name and language with parameters.
import { z } from 'zod';
import { Channel, MessageTemplate } from './conversation.ts';

/** Variables a canned response may use; anything else in {{…}} is left as written. */
export const CANNED_VARIABLES = ['name', 'account', 'tariff', 'operator'] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

export const CANNED_KINDS = ['text', 'whatsapp_template'] as const;
export const CannedKind = z.enum(CANNED_KINDS);
export type CannedKind = z.infer<typeof CannedKind>;

export const CANNED_LANGUAGES = ['ru', 'en'] as const;
export const CannedLanguage = z.enum(CANNED_LANGUAGES);
export type CannedLanguage = z.infer<typeof CannedLanguage>;

export const CannedResponse = z
  .object({
    id: z.string().regex(/^[a-z0-9.-]{1,64}$/),
    kind: CannedKind,
    title: z.string().min(1).max(200),
    /** The text with variables; for a template, its approved text as the customer will read it. */
    body: z.string().min(1).max(4096),
    language: CannedLanguage,
    /** Channels it suits; empty: every channel with replies. */
    channels: z.array(Channel).max(5),
    /** For kind whatsapp_template: Meta's approved name and language; parameters may hold variables. */
    template: MessageTemplate.nullable(),
    sort: z.number().int().min(0).max(10_000),
    /** Retired ones are not offered. */
    active: z.boolean(),
  })
  .refine((c) => (c.kind === 'whatsapp_template') === (c.template !== null), {
    message: 'a WhatsApp template names its approved template, and only a template does',
    path: ['template'],
  });
export type CannedResponse = z.infer<typeof CannedResponse>;
