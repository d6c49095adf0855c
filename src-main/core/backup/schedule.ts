// When a scheduled backup is due. Pure: the service passes the clock and what it last did. Times are
// Beijing time (UTC+8, no daylight saving), whatever the computer's time zone.
import type { BackupSettings } from '../../../src-shared/contract/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;
/** A failed scheduled backup (folder on a disk that is not plugged in) is tried again at most hourly. */
export const RETRY_AFTER_MS = HOUR;

type Plan = Pick<BackupSettings, 'schedule' | 'hour' | 'weekday'>;

/** Start of the Beijing calendar day `ms` falls on, as epoch ms. */
function shanghaiDayStart(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET;
}

/** 1 = Monday … 7 = Sunday, for the Beijing day that starts at `dayStart`. */
function isoWeekday(dayStart: number): number {
  const d = (Math.floor((dayStart + SHANGHAI_OFFSET) / DAY) + 4) % 7; // 1970-01-01 was a Thursday
  return d === 0 ? 7 : d;
}

/** The most recent scheduled moment at or before `now`, or null when the schedule is off. */
export function latestSlot(plan: Plan, now: number): number | null {
  if (plan.schedule === 'off') return null;
  let slot = shanghaiDayStart(now) + plan.hour * HOUR;
  if (slot > now) slot -= DAY;
  if (plan.schedule === 'weekly') {
    while (isoWeekday(shanghaiDayStart(slot)) !== plan.weekday) slot -= DAY;
  }
  return slot;
}

/** The next scheduled moment after `now`, for the settings screen. */
export function nextSlot(plan: Plan, now: number): number | null {
  const latest = latestSlot(plan, now);
  if (latest === null) return null;
  return latest + (plan.schedule === 'weekly' ? 7 * DAY : DAY);
}

/**
 * Due when no scheduled backup succeeded since the latest slot (a computer that was off at the hour catches
 * up at the next start), unless one was attempted since the slot within the last hour.
 */
export function isDue(plan: Plan, now: number, last: { succeededAt: number | null; attemptedAt: number | null }): boolean {
  const slot = latestSlot(plan, now);
  if (slot === null) return false;
  if ((last.succeededAt ?? -Infinity) >= slot) return false;
  return (last.attemptedAt ?? -Infinity) < Math.max(slot, now - RETRY_AFTER_MS);
}
