// The router against hostile input, for every method of the contract: wrong types, missing fields,
// huge strings, prototype keys, non-objects, unknown methods. Each gets the right error naming the
// field, nothing throws, nothing is polluted, and a valid call still works afterwards.
import { describe, expect, it } from 'vitest';
import { MAX_CALL_BYTES, METHOD_NAMES, methods, type CallResult, type MethodName } from '../../../contract/ipc.ts';
import { createRouter } from '../../../electron/ipc/router.ts';
import { ServiceError } from '../../../electron/services/errors.ts';
import type { Handlers } from '../../../electron/ipc/handlers.ts';
import { VALID_INPUT, stubHandlers } from './fixtures.ts';

const TEN_MB = 'я'.repeat(5 * 1024 * 1024); // 10 MB of UTF-8

function errorOf(r: CallResult) {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

type ObjectOrUnion = { shape?: Record<string, unknown>; options?: ObjectOrUnion[] };

/** Input keys of a method's schema (empty for the {} methods; every option's keys for a union). */
function keysOf(method: MethodName): string[] {
  const keys = (s: ObjectOrUnion): string[] => (s.shape ? Object.keys(s.shape) : (s.options ?? []).flatMap(keys));
  return [...new Set(keys(methods[method].input as unknown as ObjectOrUnion))];
}

const router = createRouter(stubHandlers());

async function stillWorks(method: MethodName) {
  const r = await router.handle(method, structuredClone(VALID_INPUT[method]));
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

describe.each(METHOD_NAMES)('router: %s', (method) => {
  const keys = keysOf(method);

  it('accepts its valid input and validates the output', async () => {
    const r = await router.handle(method, structuredClone(VALID_INPUT[method]));
    expect(r).toMatchObject({ ok: true });
    expect(methods[method].output.safeParse((r as { value: unknown }).value).success).toBe(true);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [VALID_INPUT[method]]],
    ['a number', 42],
    ['a string', 'hello'],
    ['a boolean', true],
  ])('refuses %s as input, naming "input"', async (_what, input) => {
    const e = errorOf(await router.handle(method, input));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'input' });
    await stillWorks(method);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s from JSON.parse, naming it', async (key) => {
    const input = JSON.parse(JSON.stringify(VALID_INPUT[method]).replace(/^\{/, `{"${key}": {"polluted": true}${keys.length ? ',' : ''}`)) as unknown;
    const e = errorOf(await router.handle(method, input));
    expect(e).toMatchObject({ code: 'invalid_input', field: `input.${key}` });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillWorks(method);
  });

  it('refuses an object literal with __proto__ (prototype, not key) and with computed prototype keys', async () => {
    const viaProto = { __proto__: { polluted: true }, ...VALID_INPUT[method] };
    Object.setPrototypeOf(viaProto, { polluted: true });
    expect(errorOf(await router.handle(method, viaProto))).toMatchObject({ code: 'invalid_input', field: 'input.__proto__' });
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const literal = { ...VALID_INPUT[method], [key]: { polluted: true } };
      if (key === '__proto__') Object.defineProperty(literal, '__proto__', { value: { polluted: true }, enumerable: true });
      expect(errorOf(await router.handle(method, literal))).toMatchObject({ code: 'invalid_input', field: `input.${key}` });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillWorks(method);
  });

  it('refuses an unknown extra key, naming it', async () => {
    const e = errorOf(await router.handle(method, { ...VALID_INPUT[method], extra: 1 }));
    expect(e).toMatchObject({ code: 'invalid_input', field: 'input.extra' });
  });

  it('refuses a 10 MB string as payload_too_large, in a known field and in an unknown one', async () => {
    for (const key of [...keys, 'blob']) {
      const e = errorOf(await router.handle(method, { ...VALID_INPUT[method], [key]: TEN_MB }));
      expect(e.code).toBe('payload_too_large');
    }
    expect(errorOf(await router.handle(method, TEN_MB)).code).toBe('payload_too_large');
    await stillWorks(method);
  });

  it('refuses cyclic and deeply nested input without throwing', async () => {
    const cyclic: Record<string, unknown> = { ...VALID_INPUT[method] };
    cyclic.self = cyclic;
    expect(errorOf(await router.handle(method, cyclic)).code).toBe('invalid_input');
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 10_000; i++) deep = (deep.x = {}) as Record<string, unknown>;
    expect(errorOf(await router.handle(method, root)).code).toBe('invalid_input');
    await stillWorks(method);
  });

  it.each(keys)('refuses a wrong type in %s, naming it', async (key) => {
    // `false` is no wrong type for a boolean field (a switch turned off): a string is. Nor is 12345
    // for a number field (a file's size, a counter): "12345" is.
    const valid = (VALID_INPUT[method] as Record<string, unknown>)[key];
    const isBoolean = typeof valid === 'boolean';
    for (const bad of [typeof valid === 'number' ? '12345' : 12345, { nested: true }, ['a'], isBoolean ? 'false' : false]) {
      const e = errorOf(await router.handle(method, { ...VALID_INPUT[method], [key]: bad }));
      // The field itself, or the first wrong item inside it (['a'] for a list of categories).
      expect(e.code).toBe('invalid_input');
      expect(e.field === `input.${key}` || e.field?.startsWith(`input.${key}.`), `${JSON.stringify(bad)} → ${e.field}`).toBe(true);
    }
    await stillWorks(method);
  });

  it.each(keys)('a missing %s is refused if required, naming it', async (key) => {
    const input: Record<string, unknown> = { ...VALID_INPUT[method] };
    delete input[key];
    const required = !methods[method].input.safeParse(input).success;
    const r = await router.handle(method, input);
    if (required) expect(errorOf(r)).toMatchObject({ code: 'invalid_input', field: `input.${key}` });
    else expect(r.ok).toBe(true);
  });
});

describe('router: methods and services', () => {
  it.each([
    'nope', '', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'app.getinfo', 'x'.repeat(10_000_000),
    42, null, undefined, {}, ['app.getInfo'], Symbol('x'),
  ])('refuses unknown method %#', async (method) => {
    expect(errorOf(await router.handle(method, {}))).toMatchObject({ code: 'unknown_method', field: 'method' });
    await stillWorks('app.getInfo');
  });

  it('refuses input just over MAX_CALL_BYTES and accepts the same shape under it', async () => {
    const big = { serverUrl: 'https://pult.example.ru', login: 'a', password: 'p'.repeat(MAX_CALL_BYTES) };
    expect(errorOf(await router.handle('session.login', big)).code).toBe('payload_too_large');
  });

  it('turns a ServiceError into its code, anything else into internal without details', async () => {
    const handlers: Handlers = {
      ...stubHandlers(),
      'session.login': () => { throw new ServiceError('wrong_credentials', 'no such user'); },
      'session.get': () => { throw new TypeError('secret detail at /home/user'); },
      'settings.get': () => Promise.reject(new Error('boom')),
    };
    const r = createRouter(handlers);
    expect(errorOf(await r.handle('session.login', VALID_INPUT['session.login']))).toEqual({ code: 'wrong_credentials', message: 'no such user' });
    const e = errorOf(await r.handle('session.get', {}));
    expect(e.code).toBe('internal');
    expect(e.message).not.toContain('/home/user');
    expect(errorOf(await r.handle('settings.get', {})).code).toBe('internal');
  });

  it('checks outputs: a service returning something off-contract is internal, extra fields are stripped', async () => {
    const leaky = createRouter({
      ...stubHandlers(),
      'settings.get': () => ({ language: 'de', theme: 'auto', serverUrl: null }) as never,
      'session.login': (i) => ({ ...stubHandlers()['session.login'](i) as object, token: 'secret' }) as never,
    });
    expect(errorOf(await leaky.handle('settings.get', {})).code).toBe('internal');
    const ok = await leaky.handle('session.login', VALID_INPUT['session.login']);
    expect(ok.ok).toBe(true);
    expect(JSON.stringify(ok)).not.toContain('secret');
  });

  it('never rejects, even when a handler is not a function', async () => {
    const broken = createRouter({ ...stubHandlers(), 'app.getInfo': undefined as never });
    expect(errorOf(await broken.handle('app.getInfo', {})).code).toBe('internal');
  });
});
