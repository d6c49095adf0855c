import { describe, expect, it } from 'vitest';
import { FRESH_LAG_MS, LATE_SWEEP_MIN_MS, OVERLAP_MS, SETTLED_OVERLAP_MS, planWindows, settledAfter } from '../../../src-main/core/orders/windows.js';
import type { ChannelLimits } from '../../../src-main/core/channels/types.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const pdd: ChannelLimits = { maxWindowMs: 30 * MIN, historyMs: 90 * DAY, safetyLagMs: 3 * MIN, pageSize: 100 };
const now = 1_800_000_000_000;

describe('poll windows', () => {
  it('reads fresh orders up to just behind now, starting a little before the cursor', () => {
    const cursor = now - 10_000;
    expect(planWindows(cursor, cursor, now, pdd)).toEqual([{ from: cursor - OVERLAP_MS, to: now - FRESH_LAG_MS, fresh: true }]);
  });

  it('after the PC was off for a day, catches up in legal 30-minute windows, 48 per round', () => {
    const cursor = now - DAY;
    const windows = planWindows(cursor, cursor - 3 * MIN, now, pdd);
    const fresh = windows.filter((w) => w.fresh);
    expect(fresh[0]!.from).toBe(cursor - OVERLAP_MS);
    expect(fresh.every((w) => w.to - w.from <= 30 * MIN)).toBe(true);
    expect(windows).toHaveLength(48);
    for (let i = 1; i < fresh.length; i++) expect(fresh[i]!.from).toBe(fresh[i - 1]!.to);
  });

  it('never reaches past the platform history limit', () => {
    const windows = planWindows(now - 400 * DAY, now - 400 * DAY, now, { ...pdd, maxWindowMs: 365 * DAY });
    expect(Math.min(...windows.map((w) => w.from))).toBeGreaterThan(now - 90 * DAY);
  });

  it('re-reads a stretch once more after the late-write lag, only when enough has piled up', () => {
    const cursor = now - 1000;
    expect(planWindows(cursor, now - pdd.safetyLagMs - LATE_SWEEP_MIN_MS + 1000, now, pdd).filter((w) => !w.fresh)).toEqual([]);
    const settled = now - 10 * MIN;
    const late = planWindows(cursor, settled, now, pdd).filter((w) => !w.fresh);
    expect(late).toEqual([{ from: settled - SETTLED_OVERLAP_MS, to: now - pdd.safetyLagMs, fresh: false }]);
  });

  it('the settled cursor moves only contiguously and never past the lag', () => {
    const settled = now - 10 * MIN;
    expect(settledAfter(settled, { from: settled - MIN, to: now }, now, pdd)).toBe(now - pdd.safetyLagMs);
    expect(settledAfter(settled, { from: settled + MIN, to: now }, now, pdd)).toBe(settled);
    expect(settledAfter(settled, { from: settled - MIN, to: settled + MIN }, now, pdd)).toBe(settled + MIN);
  });
});
