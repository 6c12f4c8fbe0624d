// Every API call except health states the client's protocol version in `x-pult-protocol`; a
// version outside the range this server speaks is refused with 426 incompatible_client, so an old
// client says "update Pult" instead of misreading answers.
import type { FastifyInstance } from 'fastify';
import { API, INCOMPATIBLE_CLIENT, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../contract/index.ts';
import { HttpError } from './errors.ts';

export const PROTOCOL_RANGE = { min: 1, max: PROTOCOL_VERSION } as const;

export function installProtocolCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0]!;
    if (!path.startsWith('/api/') || path === API.health) return;
    const raw = req.headers[PROTOCOL_HEADER];
    const version = typeof raw === 'string' && /^\d{1,6}$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!(version >= PROTOCOL_RANGE.min && version <= PROTOCOL_RANGE.max)) {
      throw new HttpError(
        426,
        INCOMPATIBLE_CLIENT,
        `this server speaks protocol ${PROTOCOL_RANGE.min}..${PROTOCOL_RANGE.max}; the client sent ${typeof raw === 'string' ? JSON.stringify(raw.slice(0, 16)) : 'none'} in ${PROTOCOL_HEADER}. Update Pult.`,
      );
    }
  });
}
