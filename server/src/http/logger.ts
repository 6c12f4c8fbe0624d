// The server's pino logger. Logs must never carry passwords, tokens, Authorization headers or
// customers' personal data, so: requests are logged by method, route and path only (no query
// string: search terms are names and phone numbers), headers are not logged at all, and errors drop
// the fields where drivers copy SQL parameters and row values (`params`, `parameters`, `detail`…).
// `redact` is the second net for anything a handler logs by mistake under a known key.
import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';

const SENSITIVE_KEYS = [
  'password', 'token', 'authorization', 'cookie', 'passwordHash', 'password_hash',
  'fullName', 'full_name', 'phones', 'phone', 'emails', 'email', 'address', 'body', 'q',
];

export const REDACT_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((k) => `*.${k}`),
  'req.headers', 'res.headers',
];

const DROPPED_ERROR_FIELDS = new Set(['params', 'parameters', 'detail', 'where', 'query', 'internalQuery', 'queryOptions', 'input']);

function serializeError(err: unknown): Record<string, unknown> {
  const base = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) if (!DROPPED_ERROR_FIELDS.has(k)) out[k] = v;
  return out;
}

export interface LogOptions {
  level?: string;
  /** Where lines go; default stderr, so stdout carries only the CLI's JSON event lines. */
  stream?: DestinationStream;
}

export function createLogger(opts: LogOptions = {}): FastifyBaseLogger {
  const options: LoggerOptions = {
    level: opts.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        route: req.routeOptions?.url,
        path: req.url.split('?')[0],
        remoteAddress: req.ip,
      }),
      res: (res: FastifyReply) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
  };
  return pino(options, opts.stream ?? pino.destination(2));
}
