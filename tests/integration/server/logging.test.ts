// The server's log must not carry passwords, tokens, Authorization headers or customers' personal
// data. Capture every line during sign-in, search, a failed change and a change, then look for them.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, apiPath, LoginResponse } from '../../../contract/index.ts';
import { CUSTOMER_IDS, LOGINS, PASSWORD } from './fixtures.ts';
import { startHarness, type Harness } from './harness.ts';

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ log: { level: 'trace', stream: sink } });
});
afterAll(async () => {
  await h?.close();
});

describe('logs', () => {
  it('never contain passwords, tokens, Authorization headers or personal data', async () => {
    const login = await h.login(LOGINS.operator);
    const { token } = LoginResponse.parse(login.json());
    await h.login(LOGINS.operator, 'wrong-Pa55word!');
    await h.request({ url: `${API.customers}?q=${encodeURIComponent('Иванова Алёна')}`, token });
    await h.request({ url: `${API.customers}?q=${encodeURIComponent('8 (916) 123-45-67')}`, token });
    const url = apiPath(API.customer, { id: CUSTOMER_IDS.ivanova });
    await h.request({ method: 'PATCH', url, token, body: { phones: ['not a phone 555'] } });
    const patched = await h.request({
      method: 'PATCH', url, token,
      body: {
        phones: ['+7 926 555-44-33'], emails: ['secret.mail@example.ru'],
        address: { region: 'Москва', city: 'Москва', street: 'Секретная улица', house: '99', apartment: '12' },
      },
    });
    expect(patched.statusCode).toBe(200);
    await h.request({ method: 'POST', url: API.logout, token });

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5); // the capture works: requests were logged
    expect(log).toContain(CUSTOMER_IDS.ivanova); // ids are fine and useful
    for (const secret of [
      PASSWORD, 'wrong-Pa55word!', token, `Bearer`,
      'Иванова', 'Алёна', '9161234567', '(916)', '123-45-67', '+79265554433', '926 555', 'secret.mail', 'Секретная', 'not a phone 555',
    ]) {
      expect(log, `log contains ${secret}`).not.toContain(secret);
    }
  });
});

describe('the logger itself', () => {
  it('drops SQL parameters and row details from errors, and redacts known keys', async () => {
    const { createLogger } = await import('../../../server/src/http/logger.ts');
    const out: string[] = [];
    const stream = new Writable({ write(chunk: Buffer, _e, done) { out.push(chunk.toString('utf8')); done(); } });
    const log = createLogger({ level: 'info', stream });
    const err = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505', params: ['+79161234567', 'Иванова'], detail: 'Key (account_number)=(100200300) already exists.', query: 'insert …',
    });
    log.error({ err }, 'request failed');
    log.info({ password: 'hunter2', customer: { fullName: 'Иванова', phones: ['+79161234567'] }, token: 'abc' }, 'oops');
    const text = out.join('');
    expect(text).toContain('23505');
    for (const s of ['+79161234567', 'Иванова', '100200300', 'hunter2', '"abc"']) expect(text).not.toContain(s);
  });
});
