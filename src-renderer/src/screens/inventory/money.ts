/**
 * The owner types money in 元 ("19.9"); the core only takes integer 分. Converted on the text, never
 * through a float multiply, so 19.99 is 1999 fen and not 1998.9999….
 */

/** Up to two decimals, no sign, no thousands separators: what a 元 field accepts. */
export const YUAN_PATTERN = /^\d{1,9}(\.\d{1,2})?$/;

export function isYuan(text: string): boolean {
  return YUAN_PATTERN.test(text.trim());
}

/** `"19.9"` → 1990. Throws on anything `isYuan` refuses: validate the field first. */
export function yuanToFen(text: string): number {
  const trimmed = text.trim();
  if (!YUAN_PATTERN.test(trimmed)) throw new RangeError(`yuanToFen: not an amount in yuan: ${text}`);
  const [whole = '0', cents = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(cents.padEnd(2, '0'));
}

/** 1990 → `"19.90"`, for putting a stored amount back into a form field. */
export function fenToYuan(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** A calendar day picked in a form (`YYYY-MM-DD`) → the epoch ms of its start in Beijing time. */
export function beijingDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) - 8 * 3_600_000;
}
