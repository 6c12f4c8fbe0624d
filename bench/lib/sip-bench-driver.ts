// The part of window.sip (tests/e2e/sip/driver.ts) that the call benchmarks drive: Pult's test page
// has all of it, the bare JsSIP page (bare-jssip-page/) just this much.
import type { CallSnapshot } from '../../renderer/src/sip/types.ts';
import type { SipDriver } from '../../tests/e2e/sip/driver.ts';

export type BenchSnapshot = Pick<CallSnapshot, 'id' | 'direction' | 'status' | 'startedAt' | 'confirmedAt' | 'endedAt'>;

export interface BenchDriver extends Pick<SipDriver, 'start' | 'dial' | 'incoming' | 'liveCalls' | 'stop'> {
  registration(): { status: string };
  snapshot(id: string): BenchSnapshot | null;
  act(id: string, action: 'answer' | 'hangup'): void;
}
