// Failed calls become sentences a person understands, in the chosen language.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/index.ts';
import { errorMessage, fieldLabel } from '../../../renderer/src/i18n/error-message.ts';
import { PultCallError, PULT_ERROR_PREFIX, toPultCallError } from '../../../renderer/src/api/pult-error.ts';

describe('errorMessage', () => {
  it('says wrong password and unreachable server in Russian and English', async () => {
    const ru = await createI18n('ru');
    const en = await createI18n('en');
    expect(errorMessage(ru.t, new PultCallError('wrong_credentials', 'x'))).toMatch(/^Неверный логин или пароль/);
    expect(errorMessage(ru.t, new PultCallError('server_unreachable', 'x'))).toBe(
      'Сервер недоступен. Проверьте адрес сервера и подключение к сети.',
    );
    expect(errorMessage(en.t, new PultCallError('wrong_credentials', 'x'))).toMatch(/^Wrong login or password/);
    expect(errorMessage(en.t, new PultCallError('rate_limited', 'x'))).toMatch(/Too many/);
  });

  it('names the field of invalid_input in words, falling back to its path', async () => {
    const ru = await createI18n('ru');
    expect(errorMessage(ru.t, new PultCallError('invalid_input', 'x', 'input.serverUrl'))).toBe('Поле «Адрес сервера» заполнено неверно.');
    expect(fieldLabel(ru.t, 'sip.websocketUris.1')).toBe('Адреса SIP-серверов (2)');
    expect(fieldLabel(ru.t, 'input.somethingNew')).toBe('somethingNew');
    expect(errorMessage(ru.t, new PultCallError('invalid_input', 'x'))).toMatch(/Проверьте поля/);
  });

  it('reads errors that crossed Electron contextBridge (only the message survives)', () => {
    const bridged = new Error(`Error invoking remote method: ${PULT_ERROR_PREFIX}${JSON.stringify({ code: 'rate_limited', message: 'slow down' })}`);
    const e = toPultCallError(bridged);
    expect(e.code).toBe('rate_limited');
    expect(toPultCallError(new Error('boom')).code).toBe('internal');
    expect(toPultCallError({ code: 'forbidden', message: 'no', field: 'x' })).toMatchObject({ code: 'forbidden', field: 'x' });
  });
});
