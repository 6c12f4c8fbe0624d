// Every error response has the ServerErrorBody shape: {error: {code, message, field?}}.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { fromZodError } from '../../../contract/errors.ts';
import type { ServerErrorBody } from '../../../contract/server-api.ts';

export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(statusCode: number, code: string, message: string, field?: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.field = field;
  }

  toBody(): ServerErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'your role may not do this') => new HttpError(403, 'forbidden', message);
export const notAuthenticated = (message = 'sign in first') => new HttpError(401, 'not_authenticated', message);

/** Parses request input with a contract schema; a failure is a 400 naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const e = fromZodError(r.error, '');
  throw new HttpError(400, 'invalid_input', e.message, e.field || undefined);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(new HttpError(404, 'not_found', `no route ${req.method} ${req.url.split('?')[0]}`).toBody());
  });

  app.setErrorHandler((err: FastifyError | HttpError, req, reply) => {
    if (err instanceof HttpError) {
      if (err.statusCode >= 500) req.log.error({ err }, 'request failed');
      return reply.code(err.statusCode).send(err.toBody());
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return reply.code(413).send(new HttpError(413, 'payload_too_large', 'request body too large').toBody());
    if (status >= 400 && status < 500) {
      // Fastify's own refusals: malformed JSON, wrong content type, bad header…
      return reply.code(status).send(new HttpError(status, status === 400 || status === 415 ? 'invalid_input' : 'bad_request', err.message, status === 400 || status === 415 ? 'body' : undefined).toBody());
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(new HttpError(500, 'internal', 'internal server error').toBody());
  });
}
