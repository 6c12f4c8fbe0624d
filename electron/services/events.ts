// How services announce events without knowing who listens (the router's event bus validates them).
import type { EventName, EventPayload } from '../../contract/ipc.ts';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
