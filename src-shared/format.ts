/**
 * How times and money look everywhere a shop owner reads them (screens, exports, CLI). Pure: no DOM, no
 * Node. Times are shown in Asia/Shanghai whatever the computer's time zone, because order deadlines and
 * platform statements are all in Beijing time.
 */

const SHANGHAI = 'Asia/Shanghai';

// hourCycle 'h23' rather than hour12:false: some engines print midnight as "24" with the latter.
const dateTimeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function partsOf(ms: number): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  if (!Number.isFinite(ms)) throw new RangeError(`formatTime: not a time: ${String(ms)}`);
  const out = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of dateTimeParts.formatToParts(ms)) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  }
  return out;
}

/** `2024-05-01 13:45:09`, Beijing time. */
export function formatTime(ms: number): string {
  const p = partsOf(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `2024-05-01`, the Beijing calendar day the moment falls on. */
export function formatDate(ms: number): string {
  const p = partsOf(ms);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * Integer fen → `¥1,234.56` (negative: `-¥1,234.56`). Money is always whole fen; a fraction means a bug
 * upstream, so it throws instead of rounding a price silently.
 */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatFen: not a whole number of fen: ${String(fen)}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}
