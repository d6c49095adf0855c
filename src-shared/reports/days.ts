// Beijing (Asia/Shanghai, UTC+8, no daylight saving) calendar days, the unit of every report.
// A day is carried as `YYYY-MM-DD` across the contract and as the integer yyyymmdd in the ledger.

const BEIJING_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

/** The Beijing day of an instant, as yyyymmdd. */
export function beijingDay(ms: number): number {
  const d = new Date(ms + BEIJING_MS);
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** `2026-05-01` → 20260501. */
export function dayNumber(text: string): number {
  return Number(text.replaceAll('-', ''));
}

/** 20260501 → `2026-05-01`. */
export function dayText(day: number): string {
  const s = String(day);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/** The instant a Beijing day starts. */
export function dayStart(text: string): number {
  return Date.parse(`${text}T00:00:00Z`) - BEIJING_MS;
}

/** The Beijing day of an instant as `YYYY-MM-DD`. */
export function dayOf(ms: number): string {
  return new Date(ms + BEIJING_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

/** Every day from `from` to `to` as `YYYY-MM-DD` (for chart axes with no gaps). */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from), end = Date.parse(to); t <= end; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** `to` moved by n days. */
export function addDays(text: string, n: number): string {
  return new Date(Date.parse(text) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Beijing today, and this week from Monday. */
export function todayAndWeek(now: number): { today: string; weekStart: string } {
  const today = dayOf(now);
  const weekday = new Date(Date.parse(today)).getUTCDay(); // 0 = Sunday
  return { today, weekStart: addDays(today, -((weekday + 6) % 7)) };
}
