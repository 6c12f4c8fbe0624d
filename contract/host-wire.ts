// Messages of the browser host's WebSocket: the same calls and events as Electron IPC, framed.
import { z } from 'zod';
import { CallResult } from './ipc.ts';

/** Query parameter carrying the per-run token on the WebSocket URL. */
export const HOST_TOKEN_PARAM = 'token';
export const HOST_WS_PATH = '/pult-ws';

export const HostRequest = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.string().max(128),
  input: z.unknown(),
});
export type HostRequest = z.infer<typeof HostRequest>;

export const HostServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), id: z.number().int(), result: CallResult }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type HostServerMessage = z.infer<typeof HostServerMessage>;
