import type { RawRow } from '../types.js';
import { looksLikeWrittenDate } from './expiry.js';

/** Share of a column's filled cells that must agree before we call its kind. */
const AGREE = 0.8;
// One printable-ASCII token of 4+ characters: card numbers, PINs, redeem codes. Chinese text, amounts
// like 30 and sentences with spaces are not keys.
export const KEY_TOKEN = /^[\x21-\x7E]{4,}$/;

export interface ColumnKinds {
  dates: number[];
  keys: number[];
}

/**
 * Which columns look like dates and which like keys, judged on data rows only. A key column is mostly
 * filled, mostly distinct (a face-value column repeats 30, 30, 30) and made of key-like tokens.
 */
export function classifyColumns(rows: RawRow[], width: number, exclude: Set<number>): ColumnKinds {
  const kinds: ColumnKinds = { dates: [], keys: [] };
  for (let col = 0; col < width; col++) {
    if (exclude.has(col)) continue;
    const values = rows.map((r) => r.cells[col]?.text ?? '').filter((t) => t !== '');
    if (values.length === 0) continue;
    const share = (n: number) => n / values.length;
    if (share(values.filter(looksLikeWrittenDate).length) >= AGREE) {
      kinds.dates.push(col);
      continue;
    }
    const filled = values.length / rows.length;
    const distinct = share(new Set(values).size);
    if (filled >= 0.5 && distinct >= AGREE && share(values.filter((v) => KEY_TOKEN.test(v)).length) >= AGREE) kinds.keys.push(col);
  }
  return kinds;
}
