// What the screen-pop benchmark adds to the Pult app page before the app's scripts run
// (addInitScript). All times are the page's own clock, performance.now():
// - invite: the initial INVITE frame arriving on the SIP WebSocket (a 'message' listener added in
//   the constructor, so it runs before JsSIP's onmessage);
// - searchSent/searchAnswered, getSent/getAnswered: the app's customers.search and customers.get
//   frames on the browser host's WebSocket (the look-up and the card query) and their results, and
//   every other call the app made to the host meanwhile (frames);
// - ringing, found, card: from a MutationObserver — the incoming-call panel in the DOM, the screen
//   pop in its "found" state (the customer's id is known), and the card showing the expected
//   customer's name and account (the card rendered with their data); frame: the next animation
//   frame after that, by when it is painted.
// lookup() is the baseline: customers.search sent as a bare frame on a socket of its own to the
// same host (same token, same router and services), timed in this page.
// Everything here is serialised into the page: no imports, no closures over module scope.

export interface PopExpect {
  name: string;
  account: string;
}

export interface PopTimes {
  invite?: number;
  ringing?: number;
  searchSent?: number;
  searchAnswered?: number;
  found?: number;
  getSent?: number;
  getAnswered?: number;
  card?: number;
  frame?: number;
  /** What the app asked customers.search for. */
  searchQuery?: string;
}

/** One call the app made to the host after the INVITE, with when it was sent and answered. */
export interface HostFrame {
  method: string;
  sent: number;
  answered?: number;
}

export interface PopResult extends PopTimes {
  complete: boolean;
  frames: HostFrame[];
}

export interface BareAnswer {
  ms: number;
  ok: boolean;
  value: unknown;
}

export interface PopProbe {
  /** Starts watching for the next call, whose card must show this customer. */
  arm(expect: PopExpect): void;
  /** Once the card shows the customer (complete), or after timeoutMs with what was seen; disarms. */
  result(timeoutMs: number): Promise<PopResult>;
  /** One call to the host's router on the bare socket, timed from send to answer. */
  invoke(method: string, input: unknown): Promise<BareAnswer>;
}

declare global {
  interface Window { __pop: PopProbe }
}

export function installPopProbe(): void {
  const now = () => performance.now();
  let expect: PopExpect | null = null;
  let times: PopTimes = {};
  let finish: ((complete: boolean) => void) | null = null;
  let finished: Promise<boolean> = Promise.resolve(false);
  /** The app's frames to the host sent during the call, by id. */
  const asked = new Map<number, HostFrame>();
  let frames: HostFrame[] = [];
  let hostUrl: string | null = null;

  const initialInvite = (s: string) => s.startsWith('INVITE ') && !/^(To|t)\s*:[^\r\n]*;\s*tag=/im.test(s);
  const RESULT_ID = /^\{"type":"result","id":(\d+)/;
  const BARE_TIMEOUT_MS = 15_000;

  function check(): void {
    if (!expect || times.invite === undefined || times.card !== undefined) return;
    const at = now();
    if (times.ringing === undefined && document.querySelector('[data-testid="incoming-call"]')) times.ringing = at;
    if (times.found === undefined && document.querySelector('[data-testid="screen-pop"][data-state="found"]')) times.found = at;
    const name = document.querySelector('[data-testid="customer-card-name"]')?.textContent;
    const account = document.querySelector('[data-testid="customer-card-account"]')?.textContent;
    if (name === expect.name && account?.includes(expect.account)) {
      times.card = at;
      requestAnimationFrame(() => {
        times.frame = now();
        finish?.(true);
      });
    }
  }
  const observer = new MutationObserver(check);

  const Native = WebSocket;
  const send = Native.prototype.send;
  Native.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
    if (expect && times.invite !== undefined && typeof data === 'string' && data.startsWith('{"id":')) {
      const frame = JSON.parse(data) as { id: number; method: string; input?: { query?: string } };
      const sent: HostFrame = { method: frame.method, sent: now() };
      frames.push(sent);
      asked.set(frame.id, sent);
      if (frame.method === 'customers.search' && times.searchSent === undefined) {
        times.searchSent = sent.sent;
        times.searchQuery = frame.input?.query;
      } else if (frame.method === 'customers.get' && times.getSent === undefined) times.getSent = sent.sent;
    }
    return send.call(this, data);
  };

  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      const host = String(url).includes('/pult-ws');
      if (host) hostUrl ??= String(url);
      this.addEventListener('message', (e: MessageEvent) => {
        if (!expect || typeof e.data !== 'string') return;
        if (!host) {
          if (initialInvite(e.data)) times.invite ??= now();
          return;
        }
        if (asked.size === 0) return;
        const id = Number(RESULT_ID.exec(e.data)?.[1]);
        const frame = asked.get(id);
        if (!frame) return;
        frame.answered = now();
        if (frame.sent === times.searchSent && frame.method === 'customers.search') times.searchAnswered = frame.answered;
        else if (frame.sent === times.getSent && frame.method === 'customers.get') times.getAnswered = frame.answered;
        asked.delete(id);
      });
    }
  };

  let bare: Promise<WebSocket> | null = null;
  let nextId = 1_000_000_000;
  const waiting = new Map<number, (data: string) => void>();
  function bareSocket(): Promise<WebSocket> {
    bare ??= new Promise<WebSocket>((resolve, reject) => {
      if (!hostUrl) return reject(new Error('the app has not opened its host socket yet'));
      const ws = new Native(hostUrl);
      ws.addEventListener('open', () => resolve(ws));
      ws.addEventListener('error', () => reject(new Error('the bare socket to the host failed')));
      ws.addEventListener('message', (e: MessageEvent) => {
        const id = Number(RESULT_ID.exec(String(e.data))?.[1]);
        waiting.get(id)?.(String(e.data));
        waiting.delete(id);
      });
    });
    return bare;
  }

  window.__pop = {
    arm(e) {
      expect = e;
      times = {};
      frames = [];
      asked.clear();
      finished = new Promise<boolean>((resolve) => { finish = resolve; });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-state'] });
    },
    async result(timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([finished, new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); })]);
      clearTimeout(timer);
      observer.disconnect();
      expect = null;
      finish = null;
      return { ...times, complete: times.card !== undefined, frames };
    },
    async invoke(method, input) {
      const ws = await bareSocket();
      const id = nextId++;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const answered = new Promise<string>((resolve, reject) => {
        waiting.set(id, resolve);
        timer = setTimeout(() => { waiting.delete(id); reject(new Error(`${method}: no answer from the host in ${BARE_TIMEOUT_MS} ms`)); }, BARE_TIMEOUT_MS);
      });
      const t = now();
      ws.send(JSON.stringify({ id, method, input }));
      const data = await answered.finally(() => clearTimeout(timer));
      const ms = now() - t;
      const { result } = JSON.parse(data) as { result: { ok: boolean; value?: unknown; error?: unknown } };
      return { ms, ok: result.ok, value: result.ok ? result.value : result.error };
    },
  };
}
