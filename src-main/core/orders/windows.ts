// Which time windows a poll reads. Pure, so catch-up after the PC was off is tested with a table:
// start a little before the cursor (overlap re-read), never earlier than the platform's history limit,
// end a safety lag behind now, and cut into windows no longer than the platform allows.
import type { ChannelLimits, TimeWindow } from '../channels/types.js';

/** Re-read this much before the cursor: platforms write some updates a little late. */
export const OVERLAP_MS = 60_000;

export function planWindows(cursorAt: number, now: number, limits: ChannelLimits, maxWindows = 48): TimeWindow[] {
  // A little inside the history limit, so the platform never refuses the first window as too old.
  const oldest = now - limits.historyMs + 60_000;
  let from = Math.max(cursorAt - OVERLAP_MS, oldest);
  const end = now - limits.safetyLagMs;
  const windows: TimeWindow[] = [];
  while (from < end && windows.length < maxWindows) {
    const to = Math.min(from + limits.maxWindowMs, end);
    windows.push({ from, to });
    from = to;
  }
  return windows;
}
