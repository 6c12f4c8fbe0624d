// One logger for the main-process services. JSON lines on stderr (stdout is kept for the host's
// machine-readable "listening" line). Services take a `Log` so tests can pass a silent one.
import pino from 'pino';

export interface Log {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export function createLog(name: string, level: string = process.env.PULT_LOG_LEVEL ?? 'info'): Log {
  return pino({ name, level }, pino.destination({ fd: 2, sync: false }));
}

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
