// PultApi over the browser host's WebSocket (contract/host-wire.ts). Each call gets a request id and
// resolves or rejects when its `result` frame arrives; `event` frames go to listeners. If the socket
// drops it reconnects with backoff; calls already sent are rejected (`host_disconnected` — we cannot
// know whether the host ran them), calls made meanwhile wait for the socket up to `queueTimeoutMs`.
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput, PultApi } from '../../../contract/ipc.ts';
import { HostServerMessage } from '../../../contract/host-wire.ts';
import { PultCallError } from './pult-error.ts';

export type TransportState = 'connecting' | 'open' | 'closed';

/** The part of the DOM WebSocket we use, so tests can hand in Node's or a fake one. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface HostSocketOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; doubles per failed attempt up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a call made while disconnected waits for the socket. */
  queueTimeoutMs?: number;
  /** How long a sent call waits for its answer. */
  callTimeoutMs?: number;
  log?: Pick<Console, 'warn' | 'error'>;
}

export interface HostSocketClient extends PultApi {
  transportState(): TransportState;
  /** Called on every transport change; `reconnected` is true when an earlier connection existed. */
  onTransport(listener: (state: TransportState, reconnected: boolean) => void): () => void;
  close(): void;
}

const OPEN = 1;

interface Pending {
  method: string;
  resolve: (value: unknown) => void;
  reject: (error: PultCallError) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Queued {
  frame: (id: number) => string;
  pending: Omit<Pending, 'timer'>;
  timer: ReturnType<typeof setTimeout>;
}

export function createHostSocketClient(opts: HostSocketOptions): HostSocketClient {
  const createSocket = opts.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const baseDelay = opts.baseDelayMs ?? 250;
  const maxDelay = opts.maxDelayMs ?? 5000;
  const queueTimeout = opts.queueTimeoutMs ?? 15_000;
  const callTimeout = opts.callTimeoutMs ?? 60_000;
  const log = opts.log ?? console;

  let socket: SocketLike | null = null;
  let state: TransportState = 'connecting';
  let everOpened = false;
  let attempt = 0;
  let nextId = 1;
  let closedForGood = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<number, Pending>();
  const queue: Queued[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const transportListeners = new Set<(state: TransportState, reconnected: boolean) => void>();

  const setState = (next: TransportState, reconnected = false) => {
    if (next === state && !reconnected) return;
    state = next;
    for (const l of transportListeners) l(next, reconnected);
  };

  const sendNow = (q: Omit<Pending, 'timer'>, frame: (id: number) => string) => {
    const id = nextId++;
    const timer = setTimeout(() => {
      if (pending.delete(id)) q.reject(new PultCallError('timeout', `${q.method}: no answer from the host in ${callTimeout} ms`));
    }, callTimeout);
    pending.set(id, { ...q, timer });
    socket!.send(frame(id));
  };

  const flushQueue = () => {
    while (queue.length && socket?.readyState === OPEN) {
      const q = queue.shift()!;
      clearTimeout(q.timer);
      sendNow(q.pending, q.frame);
    }
  };

  const rejectPending = (why: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(new PultCallError('host_disconnected', `${p.method}: ${why}`));
    }
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return log.warn('pult: ignoring a non-text frame from the host');
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return log.warn('pult: ignoring a frame that is not JSON');
    }
    const msg = HostServerMessage.safeParse(json);
    if (!msg.success) return log.warn('pult: ignoring a malformed frame', msg.error.issues[0]);
    if (msg.data.type === 'event') {
      for (const l of listeners.get(msg.data.event) ?? []) {
        try {
          l(msg.data.payload);
        } catch (e) {
          log.error(`pult: listener of ${msg.data.event} failed`, e);
        }
      }
      return;
    }
    const p = pending.get(msg.data.id);
    if (!p) {
      if (msg.data.id === -1 && !msg.data.result.ok) log.warn('pult: the host refused a frame', msg.data.result.error);
      return;
    }
    pending.delete(msg.data.id);
    clearTimeout(p.timer);
    if (msg.data.result.ok) p.resolve(msg.data.result.value);
    else p.reject(PultCallError.from(msg.data.result.error));
  };

  const scheduleReconnect = () => {
    if (closedForGood || reconnectTimer) return;
    const delay = Math.min(maxDelay, baseDelay * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    attempt++;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  function connect(): void {
    if (closedForGood) return;
    setState('connecting');
    let s: SocketLike;
    try {
      s = createSocket(opts.url);
    } catch (e) {
      log.warn('pult: cannot open the host socket', e);
      setState('closed');
      scheduleReconnect();
      return;
    }
    socket = s;
    s.onopen = () => {
      if (socket !== s) return;
      attempt = 0;
      const reconnected = everOpened;
      everOpened = true;
      setState('open', reconnected);
      flushQueue();
    };
    s.onmessage = (ev) => {
      if (socket === s) onMessage(ev.data);
    };
    s.onerror = () => {
      // onclose follows and does the work
    };
    s.onclose = () => {
      if (socket !== s) return;
      socket = null;
      rejectPending('the connection to the host was lost before the answer came');
      setState('closed');
      scheduleReconnect();
    };
  }

  connect();

  return {
    invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      return new Promise<MethodOutput<M>>((resolve, reject) => {
        if (closedForGood) return reject(new PultCallError('host_disconnected', `${method}: the client is closed`));
        const frame = (id: number) => JSON.stringify({ id, method, input });
        const p = { method, resolve: resolve as (v: unknown) => void, reject };
        if (socket?.readyState === OPEN && queue.length === 0) return sendNow(p, frame);
        const timer = setTimeout(() => {
          const i = queue.findIndex((q) => q.timer === timer);
          if (i >= 0) queue.splice(i, 1);
          reject(new PultCallError('host_disconnected', `${method}: no connection to the host for ${queueTimeout} ms`));
        }, queueTimeout);
        queue.push({ frame, pending: p, timer });
      });
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => void set.delete(l);
    },

    transportState: () => state,

    onTransport(listener) {
      transportListeners.add(listener);
      return () => void transportListeners.delete(listener);
    },

    close() {
      closedForGood = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const s = socket;
      socket = null;
      s?.close(1000, 'client closed');
      rejectPending('the client was closed');
      for (const q of queue.splice(0)) {
        clearTimeout(q.timer);
        q.pending.reject(new PultCallError('host_disconnected', `${q.pending.method}: the client was closed`));
      }
      setState('closed');
    },
  };
}
