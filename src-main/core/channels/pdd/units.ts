// Money and time as 拼多多 writes them: 元 as decimal strings (or JSON numbers), times as Beijing-time
// strings without a zone. Parsed without floating point so 19.9 元 is exactly 1990 分.
import { ChannelError } from '../errors.js';

const YUAN = /^(\d+)(?:\.(\d+))?$/;
const GMT8 = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const GMT8_OFFSET_MS = 8 * 3_600_000;

/** "19.90" / "19.9" / 19.9 / "19" → 1990. More than two decimals are allowed only as trailing zeros. */
export function yuanToFen(value: unknown, platformTitle: string, field: string): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = YUAN.exec(text);
  const decimals = m?.[2] ?? '';
  if (!m || /[1-9]/.test(decimals.slice(2))) {
    throw new ChannelError('bad_response', `${platformTitle}返回的金额无法识别：${field}=${String(value)}`);
  }
  return Number(m[1]) * 100 + Number(decimals.slice(0, 2).padEnd(2, '0'));
}

/** "2026-03-01 12:00:00" (GMT+8) → epoch ms; empty → null. */
export function parseGmt8(value: unknown, platformTitle: string, field: string): number | null {
  if (value === null || value === undefined || value === '') return null;
  const m = typeof value === 'string' ? GMT8.exec(value.trim()) : null;
  if (!m) throw new ChannelError('bad_response', `${platformTitle}返回的时间无法识别：${field}=${String(value)}`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s) - GMT8_OFFSET_MS;
}

/** Epoch ms → "2026-03-01 12:00:00" in Beijing time. */
export function formatGmt8(ms: number): string {
  return new Date(ms + GMT8_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
