// The simulated 拼多多 gateway's own protocol pieces: signature check (written here on purpose, never
// imported from the adapter — two independent implementations catch each other's bugs), error bodies
// and the order number style.
import { createHash } from 'node:crypto';
import type { SimResponse } from '../../types.js';
import { randomDigits } from '../store.js';
import { formatBeijing } from '../units.js';

/** Error codes this gateway answers with (see the adapter's errors.ts for where each comes from). */
export const ERR = {
  param: [10000, '参数错误'],
  client: [10016, 'client下线或者clientId不正确'],
  token: [10019, 'access_token已过期'],
  sign: [20004, '签名验证失败'],
  business: [50000, '业务服务错误'],
  limited: [52101, '当前接口调用次数超过限制'],
  tooFrequent: [70031, '调用过于频繁'],
} as const satisfies Record<string, readonly [number, string]>;

/** Logistics id for virtual (card / recharge) goods that this sandbox accepts. *Unconfirmed* on the real platform. */
export const VIRTUAL_LOGISTICS_ID = 9999;

export const MAX_SKEW_SECONDS = 300;
export const MAX_WINDOW_SECONDS = 30 * 60;
export const HISTORY_MS = 90 * 86_400_000;
export const MAX_PAGE_SIZE = 100;

/** Thrown inside a handler; turned into `{"error_response":…}` with HTTP 200, as the gateway does. */
export class PddFail extends Error {
  constructor(
    readonly error: readonly [number, string],
    readonly subMsg?: string,
  ) {
    super(subMsg ?? error[1]);
  }
}

export function errorBody([code, msg]: readonly [number, string], subMsg?: string): SimResponse {
  return {
    status: 200,
    body: { error_response: { error_code: code, error_msg: msg, sub_code: String(code), sub_msg: subMsg ?? msg, request_id: randomDigits(17) } },
  };
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value); // numbers; booleans become "true"/"false"
}

/** What the gateway expects in `sign` for the parameters it received. */
export function expectedSign(params: Record<string, unknown>, secret: string): string {
  const keys = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== null && params[k] !== undefined)
    .sort();
  let plain = secret;
  for (const key of keys) plain += key + valueText(params[key]);
  plain += secret;
  return createHash('md5').update(plain, 'utf8').digest('hex').toUpperCase();
}

/** 拼多多 order numbers: `YYMMDD-` + 15 digits, dated in Beijing time. */
export function pddOrderSn(now: number): string {
  return `${formatBeijing(now).slice(2, 10).replaceAll('-', '')}-${randomDigits(15)}`;
}
