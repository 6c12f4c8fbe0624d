// "Open this conversation": a desktop notification's click asks, the Inbox page answers (it may
// not be on screen when the click comes, so the request waits for it); and which one is on screen.
export interface OpenRequest {
  id: string;
  customerId: string | null;
  externalAddress: string;
}

let pending: OpenRequest | null = null;
let handler: ((req: OpenRequest) => void) | null = null;

/** Open it in the Inbox now, or as soon as the Inbox is on screen. */
export function requestOpen(req: OpenRequest): void {
  if (handler) handler(req);
  else pending = req;
}

/** The Inbox page takes the requests while it is mounted (and the one waiting for it, next tick). */
export function onOpenRequest(open: (req: OpenRequest) => void): () => void {
  handler = open;
  if (pending) {
    const req = pending;
    pending = null;
    queueMicrotask(() => handler?.(req));
  }
  return () => {
    if (handler === open) handler = null;
  };
}

// The conversation the Inbox shows right now (null: none, or the Inbox is not on screen), so a
// notification is not raised for what the operator is reading.
let onScreen: string | null = null;

export function setConversationOnScreen(id: string | null): void {
  onScreen = id;
}

export function conversationOnScreen(): string | null {
  return onScreen;
}
