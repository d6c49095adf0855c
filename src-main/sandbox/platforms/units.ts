// Money and time the way the simulated Chinese gateways write and read them: 元 strings from integer
// 分, Beijing wall-clock strings `yyyy-MM-dd HH:mm:ss`. Shared by the simulators, but written apart from
// core/channels on purpose: the adapters parse these with their own code, and two independent
// implementations of the same rules catch each other's bugs.

export const BEIJING_OFFSET_MS = 8 * 3_600_000;

const BEIJING_TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Epoch ms → `yyyy-MM-dd HH:mm:ss` in Beijing time. */
export function formatBeijing(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * `yyyy-MM-dd HH:mm:ss` read as Beijing time; undefined for anything else. Strict (淘宝, 有赞 gateways):
 * an impossible date such as 2月30日 is refused too. Lenient (微店): it rolls over into the next month,
 * as Date.parse does.
 */
export function parseBeijing(text: unknown, strict = true): number | undefined {
  const m = typeof text === 'string' ? BEIJING_TEXT.exec(text) : null;
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(ms) || (strict && formatBeijing(ms) !== text) ? undefined : ms;
}

/** Integer 分 (never negative in the store) → 元 string: `20007` → `"200.07"`. */
export const yuan = (fen: number): string => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
