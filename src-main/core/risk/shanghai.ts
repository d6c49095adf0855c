// Asia/Shanghai has no daylight saving: UTC+8 all year, so hours and days are plain arithmetic (the
// backtest asks this 100,000 times; Intl would cost more than the rule itself).
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export function hourInShanghai(ms: number): number {
  return Math.floor((((ms + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 3_600_000);
}

/** Days since the epoch, Beijing calendar. */
export function dayNumberInShanghai(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** `2024-05-01` for a Beijing day number. */
export function dayText(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}
