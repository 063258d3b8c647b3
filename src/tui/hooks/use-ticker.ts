import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs` while active: drives spinners and elapsed clocks. */
export function useTicker(active: boolean, everyMs = 100): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [active, everyMs]);
  return now;
}
