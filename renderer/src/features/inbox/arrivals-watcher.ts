// When and with what watermark the page asks the replica for new customers' messages (plain TS,
// no React): after every sync, one look at a time (a sync during a look is followed by one more),
// the watermark the last answer gave; the first look, and any while a first sync runs or ran since,
// only take the watermark — what a first sync writes is history, not news. A failed look (no
// replica yet while signing in) keeps the watermark; the next sync asks again.
import type { InboxArrivals, InboxArrivalsInput, InboxNotice } from '../../../../contract/inbox-ipc.ts';

export interface ArrivalsWatcherDeps {
  look(input: InboxArrivalsInput): Promise<InboxArrivals>;
  /** What the page shows now: the open conversation, the window's focus, the queue switch. */
  context(): Omit<InboxArrivalsInput, 'after'>;
  show(notices: readonly InboxNotice[]): void;
}

export interface ArrivalsWatcher {
  /** A sync ended or moved on. */
  synced(): Promise<void>;
  /** A first sync is filling the replica. */
  firstSyncRunning(): void;
}

export function createArrivalsWatcher(deps: ArrivalsWatcherDeps): ArrivalsWatcher {
  let watermark: number | null = null;
  let history = false;
  let running: Promise<void> | null = null;
  let again = false;

  const lookOnce = async (): Promise<void> => {
    const onlyWatermark = history;
    history = false;
    try {
      const r = await deps.look({ ...deps.context(), after: onlyWatermark ? null : watermark });
      watermark = r.watermark;
      if (r.notices.length) deps.show(r.notices);
    } catch {
      // no replica yet: the next sync asks again, from the same watermark
    }
  };

  const synced = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await lookOnce();
      } while (again);
      running = null;
    })();
    return running;
  };

  return {
    synced,
    firstSyncRunning() {
      history = true;
    },
  };
}
