// The call-quality figures of one call while its audio flows: samples its peer connection's
// getStats() (sip/call-quality/) and stops on hold, on hang-up and when the view goes away.
import { useEffect, useState } from 'react';
import { StatsSampler, type QualityState } from '../../sip/call-quality/stats-sampler.ts';
import { usePhoneStore } from './PhoneProvider.tsx';

/** `active`: the call is up and not on hold (no audio, nothing to rate). */
export function useCallQuality(sipId: string, active: boolean): QualityState | null {
  const store = usePhoneStore();
  const [quality, setQuality] = useState<QualityState | null>(null);

  useEffect(() => {
    const pc = active ? store.peerConnection(sipId) : undefined;
    if (!pc) return;
    const sampler = new StatsSampler({ getStats: () => pc.getStats(), onUpdate: setQuality });
    // The first reading is the baseline the next one's loss is counted from.
    void sampler.sample();
    sampler.start();
    return () => {
      sampler.stop();
      setQuality(null); // after a hold, the old figures would be stale
    };
  }, [store, sipId, active]);

  return quality;
}
