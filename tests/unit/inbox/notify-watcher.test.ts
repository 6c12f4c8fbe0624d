// When the page looks for new customers' messages (renderer/src/features/inbox/arrivals-watcher.ts):
// the first look and those during a first sync only take the watermark; later looks start from
// it; one look at a time, a sync during a look followed by exactly one more; a failed look keeps
// the watermark.
import { describe, expect, it } from 'vitest';
import type { InboxArrivals, InboxArrivalsInput, InboxNotice } from '../../../contract/inbox-ipc.ts';
import { createArrivalsWatcher } from '../../../renderer/src/features/inbox/arrivals-watcher.ts';

const NOTICE: InboxNotice = {
  conversationId: '40000000-0000-4000-8000-000000000001', messageId: '50000000-0000-4000-8000-000000000001', kind: 'assigned',
  channel: 'telegram', customerId: null, from: '@someone', externalAddress: '@someone', preview: 'Интернет пропал',
};

function setup() {
  const asked: Array<number | null> = [];
  const shown: InboxNotice[][] = [];
  const answers: Array<(r: InboxArrivals | Error) => void> = [];
  const watcher = createArrivalsWatcher({
    look: (input: InboxArrivalsInput) => {
      asked.push(input.after);
      return new Promise((resolve, reject) => answers.push((r) => (r instanceof Error ? reject(r) : resolve(r))));
    },
    context: () => ({ openConversationId: null, focused: false, queue: false }),
    show: (n) => shown.push([...n]),
  });
  /** Answers the oldest pending look and lets the watcher go on. */
  const answer = async (r: InboxArrivals | Error) => {
    answers.shift()!(r);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { watcher, asked, shown, answer };
}

describe('the arrivals watcher', () => {
  it('the first look takes the watermark; the next ones start from it and show what they get', async () => {
    const { watcher, asked, shown, answer } = setup();
    void watcher.synced();
    await answer({ watermark: 10, notices: [] });
    void watcher.synced();
    await answer({ watermark: 12, notices: [NOTICE] });
    void watcher.synced();
    await answer({ watermark: 12, notices: [] });
    expect(asked).toEqual([null, 10, 12]);
    expect(shown).toEqual([[NOTICE]]);
  });

  it('a first sync running or run since the last look: the look only moves the watermark', async () => {
    const { watcher, asked, answer } = setup();
    void watcher.synced();
    await answer({ watermark: 10, notices: [] });
    watcher.firstSyncRunning();
    void watcher.synced();
    await answer({ watermark: 500, notices: [] });
    void watcher.synced();
    await answer({ watermark: 501, notices: [] });
    expect(asked).toEqual([null, null, 500]);
  });

  it('one look at a time: syncs during a look are followed by one more look', async () => {
    const { watcher, asked, answer } = setup();
    void watcher.synced();
    void watcher.synced();
    void watcher.synced();
    expect(asked).toEqual([null]);
    await answer({ watermark: 3, notices: [] });
    expect(asked).toEqual([null, 3]);
    await answer({ watermark: 4, notices: [] });
    expect(asked).toEqual([null, 3]);
  });

  it('a failed look keeps the watermark for the next', async () => {
    const { watcher, asked, shown, answer } = setup();
    void watcher.synced();
    await answer({ watermark: 7, notices: [] });
    void watcher.synced();
    await answer(new Error('no replica'));
    void watcher.synced();
    await answer({ watermark: 9, notices: [NOTICE] });
    expect(asked).toEqual([null, 7, 7]);
    expect(shown).toEqual([[NOTICE]]);
  });
});
