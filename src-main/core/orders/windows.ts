// Which time windows a poll reads. Pure, so catch-up after the PC was off is tested with a table.
// Two cursors: `cursorAt` reads fresh orders right up to now (so a new order is seen within one poll
// interval), `settledAt` re-reads each stretch once more after the platform's late-write lag (拼多多 asks
// for ~3 minutes), so an order written late is never missed. Both start a little before where they
// stopped (overlap), never before the platform's history limit, in windows no longer than it allows.
import type { ChannelLimits, TimeWindow } from '../channels/types.js';

/** Fresh reads start this much before the cursor (clock skew between us and the platform). */
export const OVERLAP_MS = 1_000;
/** Late sweeps start this much before the settled cursor. */
export const SETTLED_OVERLAP_MS = 60_000;
/**
 * Fresh reads stop this far behind now. Platforms with whole-second times treat the window end as the
 * whole second; a window ending in a second that is still filling lets new rows push older ones onto a
 * page already read (淘宝 pages newest-first), and they would be skipped.
 */
export const FRESH_LAG_MS = 2_000;
/** Late sweeps wait until this much has piled up, so a busy shop is not re-read on every poll. */
export const LATE_SWEEP_MIN_MS = 30_000;

export interface PlannedWindow extends TimeWindow {
  /** Reading this window moves the fresh cursor to `to`. */
  fresh: boolean;
}

function chunk(from: number, to: number, maxWindowMs: number, fresh: boolean, out: PlannedWindow[], max: number): void {
  while (from < to && out.length < max) {
    const end = Math.min(from + maxWindowMs, to);
    out.push({ from, to: end, fresh });
    from = end;
  }
}

export function planWindows(cursorAt: number, settledAt: number, now: number, limits: ChannelLimits, maxWindows = 48): PlannedWindow[] {
  // A little inside the history limit, so the platform never refuses the first window as too old.
  const oldest = now - limits.historyMs + 60_000;
  const settleLine = now - limits.safetyLagMs;
  const windows: PlannedWindow[] = [];
  const lateEnd = Math.min(cursorAt, settleLine);
  if (lateEnd - settledAt >= LATE_SWEEP_MIN_MS) chunk(Math.max(settledAt - SETTLED_OVERLAP_MS, oldest), lateEnd, limits.maxWindowMs, false, windows, maxWindows);
  chunk(Math.max(cursorAt - OVERLAP_MS, oldest), now - (limits.freshLagMs ?? FRESH_LAG_MS), limits.maxWindowMs, true, windows, maxWindows);
  return windows;
}

/** Where the settled cursor may move after reading `window` at `now`: only contiguously, only past the lag. */
export function settledAfter(settledAt: number, window: TimeWindow, now: number, limits: ChannelLimits): number {
  const settleLine = now - limits.safetyLagMs;
  if (window.from > settledAt) return settledAt;
  return Math.max(settledAt, Math.min(window.to, settleLine));
}
