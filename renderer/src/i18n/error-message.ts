// Words for a failed call: the error's code decides the sentence; for invalid_input the field is named
// in the reader's language ("input.serverUrl" → «Адрес сервера»), falling back to its path.
import type { TFunction } from 'i18next';
import { toPultCallError } from '../api/pult-error.ts';

export function fieldLabel(t: TFunction, field: string): string {
  const path = field.replace(/^(input|frame)\./, '');
  const known = (p: string) => {
    const key = `fields.${p}`;
    const words = t(key);
    return words !== key ? words : null; // i18next answers a missing key with the key itself
  };
  const direct = known(path);
  if (direct) return direct;
  // An item of a list: "sip.websocketUris.0" → «Адреса SIP-серверов» (1)
  const m = /^(.*)\.(\d+)$/.exec(path);
  const list = m?.[1] ? known(m[1]) : null;
  if (m && list) return `${list} (${Number(m[2]) + 1})`;
  return path;
}

export function errorMessage(t: TFunction, e: unknown): string {
  const err = toPultCallError(e);
  if (err.code === 'invalid_input') {
    return err.field ? t('errors.invalid_input', { field: fieldLabel(t, err.field) }) : t('errors.invalid_input_general');
  }
  return t(`errors.${err.code}`);
}
