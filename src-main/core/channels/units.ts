// Money and time as the Chinese platforms write them: 元 as decimal strings (or JSON numbers), times as
// Beijing wall-clock strings `yyyy-MM-dd HH:mm:ss` with no zone, or Unix seconds. Money is read digit by
// digit, never through floating point, so 19.9 元 is exactly 1990 分 and a third decimal that is not zero
// is refused rather than rounded away.
//
// The platforms disagree on two details, so each adapter binds its own rules once with `unitsFor`:
// 淘宝 and 有赞 may sign an amount ("-3.10") and end one with a bare point ("12."), and their times are
// checked strictly (2月30日 refused); 拼多多 and 微店 amounts are unsigned with digits after any point,
// and their times are read leniently (trimmed, `T` allowed, a day past the month's end rolled over)
// because refusing one odd timestamp would block a whole window of orders.
import { ChannelError } from './errors.js';

export const GMT8_OFFSET_MS = 8 * 3_600_000;

const SIGNED_YUAN = /^(-?)(\d+)(?:\.(\d*))?$/;
const UNSIGNED_YUAN = /^()(\d+)(?:\.(\d+))?$/;
const STRICT_GMT8 = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const LENIENT_GMT8 = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** "19.90" / "19.9" / 19.9 / "19" → 1990; undefined when the value is not a 元 amount in that grammar. */
export function fenFromYuan(value: unknown, signed: boolean): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const m = (signed ? SIGNED_YUAN : UNSIGNED_YUAN).exec(text);
  const decimals = m?.[3] ?? '';
  if (!m || /[1-9]/.test(decimals.slice(2))) return undefined;
  const fen = Number(m[2]) * 100 + Number(decimals.slice(0, 2).padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/** Epoch ms → Beijing `yyyy-MM-dd HH:mm:ss` (milliseconds dropped). */
export function formatGmt8(ms: number): string {
  return new Date(ms + GMT8_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Beijing wall-clock text → epoch ms; undefined when it is not that form. Strict: exactly
 * `yyyy-MM-dd HH:mm:ss` naming a real moment. Lenient: trimmed, `T` or space between date and time, and
 * out-of-range days or hours roll over the way Date.UTC does.
 */
export function gmt8ToMs(text: string, strict: boolean): number | undefined {
  const m = (strict ? STRICT_GMT8 : LENIENT_GMT8).exec(strict ? text : text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - GMT8_OFFSET_MS;
  return strict && formatGmt8(ms) !== text ? undefined : ms;
}

/** Epoch ms → Unix seconds (rounded down: a window start never skips its first second). */
export const toUnixSeconds = (ms: number): number => Math.floor(ms / 1000);
/** Unix seconds → epoch ms. */
export const fromUnixSeconds = (seconds: number): number => seconds * 1000;

export interface UnitRules {
  /** Owner-facing platform name used in error messages, e.g. 淘宝. */
  platform: string;
  /** Amounts may carry a minus sign and end in a bare point (淘宝, 有赞). */
  signedYuan: boolean;
  /** Times must be exactly `yyyy-MM-dd HH:mm:ss` and a real date (淘宝, 有赞); see gmt8ToMs. */
  strictTime: boolean;
}

export interface PlatformUnits {
  /** A 元 amount → 分; anything else is `bad_response` naming the field. */
  yuanToFen(value: unknown, field: string): number;
  /** A Beijing time string → epoch ms; anything else (empty included) is `bad_response`. */
  parseGmt8(value: unknown, field: string): number;
  /** Like parseGmt8, but null / undefined / '' mean "not set" and give null. */
  optionalGmt8(value: unknown, field: string): number | null;
}

/** The readers for one platform: its rules bound once, its name in every error. */
export function unitsFor(rules: UnitRules): PlatformUnits {
  const refuse = (what: string, field: string, value: unknown): ChannelError =>
    new ChannelError('bad_response', `${rules.platform}返回的${what}无法识别：${field}=${String(value)}`);
  const parseGmt8 = (value: unknown, field: string): number => {
    const ms = typeof value === 'string' ? gmt8ToMs(value, rules.strictTime) : undefined;
    if (ms === undefined) throw refuse('时间', field, value);
    return ms;
  };
  return {
    yuanToFen(value, field) {
      const fen = fenFromYuan(value, rules.signedYuan);
      if (fen === undefined) throw refuse('金额', field, value);
      return fen;
    },
    parseGmt8,
    optionalGmt8: (value, field) => (value === null || value === undefined || value === '' ? null : parseGmt8(value, field)),
  };
}
