import { MAX_CELL_CHARS, type Cell } from './types.js';

// Zero-width characters and soft hyphens ride along when keys are copied from web pages and chat apps;
// they are invisible to the merchant and never part of a key, so they go wherever they are.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Full-width ASCII (！ to ～) sits exactly 0xFEE0 above the ASCII it stands for.
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_SYMBOLS: Record<string, string> = { '\uFFE0': '\u00A2', '\uFFE1': '\u00A3', '\uFFE5': '\u00A5', '\uFFE6': '\u20A9' };
const WIDE_SPACES = /[\u3000\u00A0\u2007\u202F]/g;

/**
 * What the merchant means rather than what the supplier's tool typed: trimmed (also U+3000, NBSP),
 * invisible characters removed, full-width letters, digits and punctuation folded to half-width.
 * Chinese characters and Chinese punctuation outside the full-width ASCII block (。、【】) stay as they are.
 */
export function normaliseCell(value: string): string {
  return foldWidth(value).trim();
}

/** normaliseCell without the trim: for whole text lines, where a leading tab is an empty first column. */
export function foldWidth(value: string): string {
  return value
    .replace(INVISIBLE, '')
    .replace(WIDE_SPACES, ' ')
    .replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uFFE0\uFFE1\uFFE5\uFFE6]/g, (c) => FULL_WIDTH_SYMBOLS[c] ?? c);
}

// Nothing to normalise: printable ASCII without edge spaces — most keys. Skips four regex passes per cell.
const PLAIN = /^(?:[\x21-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?)?$/;

/** Cut before normalising so a 50 MB cell never becomes a 50 MB regex input; one extra char marks "too long". */
export function textCell(raw: string): Cell {
  if (raw.length <= MAX_CELL_CHARS && PLAIN.test(raw)) return { text: raw };
  const clipped = raw.length > MAX_CELL_CHARS * 2 ? raw.slice(0, MAX_CELL_CHARS * 2) : raw;
  const text = normaliseCell(clipped);
  return { text: text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS + 1) : text };
}

// Excel's CSV/text export writes a cell that holds a long number as it displays it: 6.22588E+18.
const EXCEL_SCIENTIFIC = /^[+-]?\d(?:\.\d+)?E\+(\d+)$/i;

/** A cell of a csv/txt file: as textCell, and flagged when Excel already exported a 16+-digit number as 6.22588E+18. */
export function textFileCell(raw: string): Cell {
  const cell = textCell(raw);
  const m = EXCEL_SCIENTIFIC.exec(cell.text);
  return m && Number(m[1]) >= 15 ? { ...cell, unsafeNumber: true } : cell;
}

/**
 * A stored number as text without exponent notation. From 16 digits up a double cannot hold every digit
 * (Excel itself keeps 15), so such a cell carries Excel's 15-digit rendering and `unsafeNumber`.
 */
export function numberCell(value: number): Cell {
  if (!Number.isFinite(value)) return { text: '' };
  if (Math.abs(value) >= 1e15) return { text: plainDecimal(value.toPrecision(15)), unsafeNumber: true };
  if (Number.isInteger(value)) return { text: String(value === 0 ? 0 : value) };
  // 15 significant digits is what Excel shows: 0.1+0.2 is "0.3" to the merchant, not 0.30000000000000004.
  return { text: plainDecimal(String(Number(value.toPrecision(15)))) };
}

/** "6.22588001234568e+18" → "6225880012345680000"; "1.5e-7" → "0.00000015". */
export function plainDecimal(repr: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(repr);
  if (!m) return repr;
  const [, sign = '', int = '', frac = '', expText = '0'] = m;
  const exp = Number(expText);
  const digits = int + frac;
  const point = int.length + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.includes('.') ? out.replace(/0+$/, '').replace(/\.$/, '') : out;
  return sign + out.replace(/^0+(?=\d)/, '');
}

/**
 * A spreadsheet date as text. Readers hand over Excel's calendar value as a UTC instant, so the UTC
 * fields are the wall-clock value the merchant typed; local-time getters would shift it by the offset.
 */
export function dateCell(date: Date): Cell {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return { text: '' };
  // Serial fractions are binary: 23:59:59 comes back as 23:59:58.9996. Round to the second first.
  const d = new Date(Math.round(ms / 1000) * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours(), mi = d.getUTCMinutes(), s = d.getUTCSeconds();
  return { text: h || mi || s ? `${day} ${pad(h)}:${pad(mi)}:${pad(s)}` : day };
}

/** Excel serial day (1900 system, or 1904 for old Mac files) → the same calendar value as a UTC Date. */
export function serialToDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** Does an Excel number format show a date/time? Quoted text and [colour]/[locale] sections don't count. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Drop trailing empty cells, so a row's length is where its content ends. */
export function trimRow(cells: Cell[]): Cell[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.text === '' && !cells[end - 1]!.unsafeNumber) end--;
  return end === cells.length ? cells : cells.slice(0, end);
}
