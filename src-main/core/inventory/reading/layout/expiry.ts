import { normaliseCell } from '../cells.js';

export type ExpiryResult = { ok: true; day: string; endMs: number } | { ok: false; reason: string };

const CHINA_OFFSET_MS = 8 * 3_600_000;
// Plausible expiry years; a serial outside them is a number, not a date (46568 = 2027-06-30).
const MIN_YEAR = 1990, MAX_YEAR = 2100;
const MIN_SERIAL = 32874, MAX_SERIAL = 73415; // 1990-01-01 … 2100-12-31

const TIME = String.raw`(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?)?`;
const PATTERNS = [
  new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`), // 2027-06-30, 2027/6/30, 2027.6.30 [23:59:59]
  new RegExp(String.raw`^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日?${TIME}$`), // 2027年6月30日
  new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`), // 20270630
];

const pad = (n: number) => String(n).padStart(2, '0');
const shown = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * An expiry as a calendar day in China: the key is good through 23:59:59.999 Asia/Shanghai of that day.
 * A time of day in the cell is checked but not used — suppliers write "2027-06-30 23:59:59" and
 * "2027-06-30 00:00:00" for the same last day. Excel serials (1900 system) are accepted as days.
 */
export function parseExpiry(text: string): ExpiryResult {
  const value = normaliseCell(text);
  if (value === '') return { ok: false, reason: '日期为空' };
  let y: number, m: number, d: number;
  if (/^\d{5}(\.\d+)?$/.test(value)) {
    const serial = Math.floor(Number(value));
    if (serial < MIN_SERIAL || serial > MAX_SERIAL) return { ok: false, reason: `无法识别的日期：${shown(value)}` };
    // Serial 1 = 1900-01-01 with Excel's phantom 1900-02-29, so from March 1900 on day 0 is 1899-12-30.
    const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else {
    const match = PATTERNS.map((re) => re.exec(value)).find((r) => r !== null);
    if (!match) return { ok: false, reason: `无法识别的日期：${shown(value)}` };
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const [hh, mm, ss] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
    if (hh > 23 || mm > 59 || ss > 59) return { ok: false, reason: `无法识别的日期：${shown(value)}` };
  }
  const day = `${y}-${pad(m)}-${pad(d)}`;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || d < 1 || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    return { ok: false, reason: `日期不存在：${day}` };
  }
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, reason: `日期超出合理范围：${day}` };
  return { ok: true, day, endMs: Date.UTC(y, m - 1, d, 23, 59, 59, 999) - CHINA_OFFSET_MS };
}

/** A date in writing (not a bare serial, which in an unlabelled column is more likely an amount or an id). */
export function looksLikeWrittenDate(text: string): boolean {
  return !/^\d{5}(\.\d+)?$/.test(text) && parseExpiry(text).ok;
}
