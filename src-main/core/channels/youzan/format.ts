// 有赞's money and time formats: 元 strings (read into integer 分 without floats) and Beijing wall-clock
// strings `yyyy-MM-dd HH:mm:ss`.
import { ChannelError } from '../errors.js';

const TITLE = '有赞';
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const YUAN = /^(-?)(\d+)(?:\.(\d*))?$/;
const BEIJING_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `"200.07"` → 20007. Digits only: a third decimal that is not zero is refused rather than rounded. */
export function yuanToFen(value: string | number): number {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = YUAN.exec(text);
  const fraction = m?.[3] ?? '';
  if (!m || /[1-9]/.test(fraction.slice(2))) throw new ChannelError('bad_response', `${TITLE}返回的金额格式不对：${text}`);
  const fen = Number(m[2]) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Epoch ms → Beijing `yyyy-MM-dd HH:mm:ss` (milliseconds dropped). */
export function formatGmt8(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Beijing `yyyy-MM-dd HH:mm:ss` → epoch ms; impossible dates (2月30日) are refused. */
export function parseGmt8(text: string): number {
  const m = BEIJING_TIME.exec(text);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    const ms = Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS;
    if (formatGmt8(ms) === text) return ms;
  }
  throw new ChannelError('bad_response', `${TITLE}返回的时间格式不对：${text}`);
}

