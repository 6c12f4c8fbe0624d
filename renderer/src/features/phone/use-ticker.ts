// Re-renders once a second while `active`, for call timers and the wrap-up countdown.
import { useEffect, useState } from 'react';

export function useTicker(active: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}
