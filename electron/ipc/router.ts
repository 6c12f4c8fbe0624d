// The one place a call from the renderer enters the main process, for both hosts (Electron IPC and
// the browser host's WebSocket). It never throws: every outcome is a CallResult.
//   unknown method → unknown_method; input over MAX_CALL_BYTES → payload_too_large;
//   input failing the method's schema → invalid_input naming the field; a ServiceError → its code;
//   anything else, or an output that fails its schema → internal (logged, details not sent).
import type { z } from 'zod';
import { fromZodError, type PultError } from '../../contract/errors.ts';
import { MAX_CALL_BYTES, isMethodName, methods, type CallResult, type MethodName } from '../../contract/ipc.ts';
import { ServiceError } from '../services/errors.ts';
import { silentLog, type Log } from '../services/log.ts';
import type { Handlers } from './handlers.ts';
import { measureJson } from './measure.ts';

export interface Router {
  handle(method: unknown, input: unknown): Promise<CallResult>;
}

export interface RouterOptions {
  log?: Log;
}

const fail = (error: PultError): CallResult => ({ ok: false, error });

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 128)) : typeof value;
}

export function createRouter(handlers: Handlers, opts: RouterOptions = {}): Router {
  const log = opts.log ?? silentLog;

  async function call(method: MethodName, input: unknown): Promise<CallResult> {
    const spec = methods[method];
    const size = measureJson(input, MAX_CALL_BYTES);
    if (!size.ok) {
      if (size.reason === 'too_large') {
        return fail({ code: 'payload_too_large', field: 'input', message: `input of ${method} is larger than ${MAX_CALL_BYTES} bytes` });
      }
      const field = ['input', ...size.path].join('.');
      const why = { too_deep: 'nested too deeply', not_json: 'not JSON data', not_plain: 'expected a plain object (no prototype)' }[size.reason];
      return fail({ code: 'invalid_input', field, message: `${field}: ${why}` });
    }
    const parsed = (spec.input as z.ZodType).safeParse(input);
    if (!parsed.success) return fail(fromZodError(parsed.error, 'input'));

    let output: unknown;
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      output = await handler(parsed.data);
    } catch (e) {
      if (e instanceof ServiceError) return fail(e.toPultError());
      log.error({ err: e, method }, 'service failed');
      return fail({ code: 'internal', message: `${method} failed` });
    }
    const checked = (spec.output as z.ZodType).safeParse(output);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      log.error({ method, path: issue?.path, issue: issue?.message }, 'service returned output that fails the contract');
      return fail({ code: 'internal', message: `${method} returned an invalid result` });
    }
    return { ok: true, value: checked.data };
  }

  return {
    async handle(method, input) {
      try {
        if (!isMethodName(method)) return fail({ code: 'unknown_method', field: 'method', message: `unknown method ${describe(method)}` });
        return await call(method, input);
      } catch (e) {
        // Belt and braces: nothing above should throw, but the router must never reject.
        log.error({ err: e }, 'router failed');
        return fail({ code: 'internal', message: 'internal error' });
      }
    },
  };
}
