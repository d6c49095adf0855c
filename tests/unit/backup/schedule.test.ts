import { describe, expect, it } from 'vitest';
import { isDue, latestSlot, nextSlot, RETRY_AFTER_MS } from '../../../src-main/core/backup/schedule.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Beijing time → epoch ms. */
const bj = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);

describe('latestSlot / nextSlot (Beijing time whatever the machine zone)', () => {
  it.each([
    ['daily, after the hour', { schedule: 'daily', hour: 3, weekday: 1 }, bj(2024, 5, 1, 10), bj(2024, 5, 1, 3), bj(2024, 5, 2, 3)],
    ['daily, before the hour: yesterday', { schedule: 'daily', hour: 3, weekday: 1 }, bj(2024, 5, 1, 2, 59), bj(2024, 4, 30, 3), bj(2024, 5, 1, 3)],
    ['daily, exactly on the hour', { schedule: 'daily', hour: 3, weekday: 1 }, bj(2024, 5, 1, 3), bj(2024, 5, 1, 3), bj(2024, 5, 2, 3)],
    ['daily at 23:00 across UTC midnight', { schedule: 'daily', hour: 23, weekday: 1 }, bj(2024, 5, 1, 23, 30), bj(2024, 5, 1, 23), bj(2024, 5, 2, 23)],
    ['weekly Monday, on a Wednesday', { schedule: 'weekly', hour: 4, weekday: 1 }, bj(2024, 5, 1, 12), bj(2024, 4, 29, 4), bj(2024, 5, 6, 4)],
    ['weekly Sunday (7), on that Sunday before the hour', { schedule: 'weekly', hour: 4, weekday: 7 }, bj(2024, 5, 5, 1), bj(2024, 4, 28, 4), bj(2024, 5, 5, 4)],
  ] as const)('%s', (_name, plan, now, latest, next) => {
    expect(latestSlot(plan, now)).toBe(latest);
    expect(nextSlot(plan, now)).toBe(next);
  });

  it('off has no slots', () => {
    expect(latestSlot({ schedule: 'off', hour: 3, weekday: 1 }, bj(2024, 5, 1))).toBeNull();
    expect(nextSlot({ schedule: 'off', hour: 3, weekday: 1 }, bj(2024, 5, 1))).toBeNull();
  });
});

describe('isDue', () => {
  const plan = { schedule: 'daily', hour: 3, weekday: 1 } as const;
  const now = bj(2024, 5, 1, 10);
  const slot = bj(2024, 5, 1, 3);
  it.each([
    ['never backed up', null, null, true],
    ['succeeded after the slot', slot + 1, slot + 1, false],
    ['succeeded yesterday (missed today: catch up)', slot - DAY, slot - DAY, true],
    ['failed since the slot, less than an hour ago', slot - DAY, now - RETRY_AFTER_MS + 1, false],
    ['failed since the slot, more than an hour ago', slot - DAY, now - RETRY_AFTER_MS - 1, true],
    ['schedule set after the slot (counts as done)', now - HOUR, null, false],
  ] as const)('%s', (_name, succeededAt, attemptedAt, due) => {
    expect(isDue(plan, now, { succeededAt, attemptedAt })).toBe(due);
  });

  it('is never due when off', () => {
    expect(isDue({ schedule: 'off', hour: 3, weekday: 1 }, now, { succeededAt: null, attemptedAt: null })).toBe(false);
  });
});
