import { z } from 'zod';

/** A phone number in E.164 (+74956428585). Normalisation lives with libphonenumber-js in callers. */
export const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 phone number like +74956428585');
export type E164 = z.infer<typeof E164>;
