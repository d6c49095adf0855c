// Per-shop call budgets and page shaping for the 淘宝 simulator. Buckets run on real time, not the
// simulator clock: tests freeze the business clock, and a frozen bucket would never refill.
import { z } from 'zod';
import { parseOrThrow } from '../../validate.js';

export type CallKind = 'list' | 'delivery';

const perSecond = z.number({ error: '必须是数字' }).positive('必须大于 0').max(1_000_000).nullable().optional();
const setRateLimitInput = z
  .object({ perSecond, deliveryPerSecond: perSecond })
  .refine((v) => v.perSecond !== undefined || v.deliveryPerSecond !== undefined, '至少给出 perSecond 或 deliveryPerSecond');

/** Token bucket per shop and call kind; `null` = unlimited. */
export class ShopRateLimits {
  #config: Record<CallKind, number | null>;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly defaults: Record<CallKind, number | null>,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#config = { ...defaults };
  }

  /** Control action `setRateLimit {perSecond?, deliveryPerSecond?}` (null lifts the limit). */
  configure(body: unknown): Record<CallKind, number | null> {
    const input = parseOrThrow(setRateLimitInput, body, '设置限流');
    if (input.perSecond !== undefined) this.#config.list = input.perSecond;
    if (input.deliveryPerSecond !== undefined) this.#config.delivery = input.deliveryPerSecond;
    this.#buckets.clear();
    return { ...this.#config };
  }

  /** 0 when the call may go ahead, else whole seconds until the next call would be allowed. */
  take(shopId: string, kind: CallKind): number {
    const rate = this.#config[kind];
    if (rate === null) return 0;
    const capacity = Math.max(1, rate);
    const key = `${shopId}:${kind}`;
    const now = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate));
  }

  reset(): void {
    this.#config = { ...this.defaults };
    this.#buckets.clear();
  }
}

/**
 * One page of a newest-first list. With the `duplicate` fault the page also carries its neighbours from
 * the pages before and after and comes back reversed, as when rows move between pages mid-read.
 */
export function pageOf<T>(list: T[], pageNo: number, pageSize: number, duplicate: boolean): T[] {
  const start = (pageNo - 1) * pageSize;
  const page = list.slice(start, start + pageSize);
  if (!duplicate || page.length === 0) return page;
  const before = start > 0 ? list[start - 1] : undefined;
  const after = list[start + pageSize];
  return [...(after === undefined ? [] : [after]), ...page.reverse(), ...(before === undefined ? [] : [before])];
}
