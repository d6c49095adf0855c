// How the simulated gateways throttle: a token bucket per (kind of call, shop). One bucket class for all
// six simulators; what differs per platform is only configuration, kept in the thin helpers below:
//  - which clock refills the buckets: 拼多多 and 微店 use the simulator's injectable clock (a test that
//    freezes time freezes refills too); the others use real time, because tests freeze the business
//    clock and a bucket on it would never refill;
//  - what kinds of call have their own budget (list / delivery, or one per API family);
//  - the shape of the `setRateLimit` control action each simulator has always accepted.
import { z } from 'zod';
import { parseOrThrow } from '../validate.js';

export interface RateRule {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: calls allowed in a burst. */
  burst: number;
}

export class RateLimiter<Kind extends string> {
  readonly #rules = new Map<Kind, RateRule | null>();
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: () => number,
    /** A kind missing here, or null, is unlimited. */
    private readonly defaults: Partial<Record<Kind, RateRule | null>>,
  ) {
    this.reset();
  }

  rule(kind: Kind): RateRule | null {
    return this.#rules.get(kind) ?? null;
  }

  /** null = unlimited. Every shop's bucket for that kind starts full again. */
  set(kind: Kind, rule: RateRule | null): void {
    this.#rules.set(kind, rule);
    for (const key of [...this.#buckets.keys()]) if (key.startsWith(`${kind}\u0000`)) this.#buckets.delete(key);
  }

  /** Every bucket of every kind full again; the rules stay. */
  refill(): void {
    this.#buckets.clear();
  }

  /** 0 when the call may go ahead (a token is used), else the seconds (fractional) until the next token. */
  take(kind: Kind, shopId: string): number {
    const rule = this.rule(kind);
    if (!rule) return 0;
    const key = `${kind}\u0000${shopId}`;
    const now = this.clock();
    const bucket = this.#buckets.get(key) ?? { tokens: rule.burst, at: now };
    bucket.tokens = Math.min(rule.burst, bucket.tokens + ((now - bucket.at) / 1000) * rule.perSecond);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / rule.perSecond;
  }

  /** Back to the default rules, every bucket full. */
  reset(): void {
    this.#buckets.clear();
    this.#rules.clear();
    for (const [kind, rule] of Object.entries(this.defaults) as [Kind, RateRule | null | undefined][]) this.#rules.set(kind, rule ?? null);
  }
}

// ---- list / delivery budgets set by rate alone (淘宝, 有赞, 抖店, 独立站) ----

export type CallKind = 'list' | 'delivery';

/** A steady rate whose burst is one second's worth of calls, as 抖店 and 独立站 have always counted. */
export const steadyRule = (perSecond: number): RateRule => ({ perSecond, burst: perSecond });

/** null = unlimited; a rate under 1 still allows one call in a burst (淘宝, 有赞). */
const atLeastOneRule = (perSecond: number | null): RateRule | null => (perSecond === null ? null : { perSecond, burst: Math.max(1, perSecond) });

const optionalRate = z.number({ error: '必须是数字' }).positive('必须大于 0').max(1_000_000).nullable().optional();
const listDeliveryInput = z
  .object({ perSecond: optionalRate, deliveryPerSecond: optionalRate })
  .refine((v) => v.perSecond !== undefined || v.deliveryPerSecond !== undefined, '至少给出 perSecond 或 deliveryPerSecond');

/**
 * 淘宝 / 有赞 budgets on real time. `take` answers whole seconds, the figure their gateways put in a
 * "ban lasts N seconds" refusal.
 */
export class ShopRateLimits {
  readonly #limiter: RateLimiter<CallKind>;

  constructor(defaults: Record<CallKind, number | null>, now: () => number = () => performance.now()) {
    this.#limiter = new RateLimiter(now, { list: atLeastOneRule(defaults.list), delivery: atLeastOneRule(defaults.delivery) });
  }

  /** Control action `setRateLimit {perSecond?, deliveryPerSecond?}` (null lifts a limit, absent keeps it). */
  configure(body: unknown): Record<CallKind, number | null> {
    const input = parseOrThrow(listDeliveryInput, body, '设置限流');
    if (input.perSecond !== undefined) this.#limiter.set('list', atLeastOneRule(input.perSecond));
    if (input.deliveryPerSecond !== undefined) this.#limiter.set('delivery', atLeastOneRule(input.deliveryPerSecond));
    this.#limiter.refill();
    return { list: this.#limiter.rule('list')?.perSecond ?? null, delivery: this.#limiter.rule('delivery')?.perSecond ?? null };
  }

  /** 0 when the call may go ahead, else whole seconds until the next call would be allowed. */
  take(shopId: string, kind: CallKind): number {
    const wait = this.#limiter.take(kind, shopId);
    return wait === 0 ? 0 : Math.max(1, Math.ceil(wait));
  }

  reset(): void {
    this.#limiter.reset();
  }
}

const requiredRateInput = z.object({
  perSecond: z.number({ error: 'perSecond 必须是数字' }).positive('perSecond 必须大于 0'),
  deliveryPerSecond: z.number().positive('deliveryPerSecond 必须大于 0').optional(),
});

/**
 * 抖店 / 独立站 control action `setRateLimit {perSecond, deliveryPerSecond?}`: list calls at perSecond,
 * deliveries at deliveryPerSecond or unlimited when absent; every bucket starts full again.
 */
export function setListDeliveryRates(limiter: RateLimiter<CallKind | 'token'>, body: unknown): { ok: true } {
  const input = parseOrThrow(requiredRateInput, body, '设置限流');
  limiter.set('list', steadyRule(input.perSecond));
  limiter.set('delivery', input.deliveryPerSecond === undefined ? null : steadyRule(input.deliveryPerSecond));
  limiter.refill();
  return { ok: true };
}

// ---- one budget per API family (拼多多, 微店) ----

/**
 * 拼多多 / 微店 control action `setRateLimit {api, perSecond|null, burst?}` (api defaults to the first
 * name, burst to the rate rounded up); only that API's buckets start full again.
 */
export function setApiRate<Api extends string>(limiter: RateLimiter<Api>, apis: readonly [Api, ...Api[]], body: unknown): { ok: true } {
  const input = parseOrThrow(
    z.object({
      api: z.enum(apis, { error: `api 必须是 ${apis.join('、')} 之一` }).default(apis[0]),
      /** null = unlimited. */
      perSecond: z.number({ error: 'perSecond 必须是数字或 null' }).positive('perSecond 必须大于 0').nullable(),
      burst: z.number({ error: 'burst 必须是数字' }).int('burst 必须是整数').min(1, 'burst 至少为 1').optional(),
    }),
    body,
    '设置限流',
  );
  const rule = input.perSecond === null ? null : { perSecond: input.perSecond, burst: input.burst ?? Math.max(1, Math.ceil(input.perSecond)) };
  limiter.set(input.api as Api, rule);
  return { ok: true };
}
