// Checks what comes in against the contract, whichever host sent it: each call's output with its
// method's schema, each event's payload with its event's schema. A call whose input fails its schema
// is refused here with the field named, before it travels.
import { fromZodError } from '../../../contract/errors.ts';
import { events, isMethodName, methods, type PultApi } from '../../../contract/ipc.ts';
import { PultCallError, toPultCallError } from './pult-error.ts';

export function validatedApi(raw: PultApi, log: Pick<Console, 'warn'> = console): PultApi {
  return {
    async invoke(method, input) {
      if (!isMethodName(method)) throw new PultCallError('unknown_method', `unknown method ${String(method)}`, 'method');
      const schema = methods[method];
      const inputCheck = schema.input.safeParse(input);
      if (!inputCheck.success) throw PultCallError.from(fromZodError(inputCheck.error, 'input'));
      let value: unknown;
      try {
        value = await raw.invoke(method, input);
      } catch (e) {
        throw toPultCallError(e);
      }
      const out = schema.output.safeParse(value);
      if (!out.success) {
        const issue = out.error.issues[0];
        throw new PultCallError('internal', `${method}: unexpected answer at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}`);
      }
      return out.data as never;
    },
    on(event, listener) {
      const schema = events[event];
      return raw.on(event, (payload) => {
        const parsed = schema.safeParse(payload);
        if (!parsed.success) return log.warn(`pult: dropped a malformed ${event} event`, parsed.error.issues[0]);
        listener(parsed.data as never);
      });
    },
  };
}
