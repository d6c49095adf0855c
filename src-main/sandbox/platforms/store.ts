// The state every simulated shop platform shares: shops with credentials, items, orders and what the
// platform saw delivered. Each platform simulator (taobao.ts, pdd.ts…) is only a protocol front on top
// of one store, so control actions (create, pay, refund, close) and the delivery ledger behave the same
// everywhere, and the bench / kill test can ask any platform "what did the buyer actually get?".
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { SandboxError } from '../http.js';
import { parseOrThrow } from '../validate.js';
import { autopilotInput, createItemInput, createOrderInput, createShopInput, orderRef, pushUrlInput, refundInput, shopRef } from './store-inputs.js';

export type SimOrderStatus = 'unpaid' | 'paid' | 'shipped' | 'done' | 'closed';
export type SimRefund = 'none' | 'requested' | 'refunded';

export interface SimShop {
  shopId: string;
  name: string;
  appKey: string;
  appSecret: string;
  accessToken: string;
  refreshToken: string;
  /** Epoch ms; calls with the token after this are refused with the platform's "token expired". */
  tokenExpiresAt: number;
  /** Where push messages go (KeyDesk's push receiver); none = no push. */
  pushUrl?: string;
  createdAt: number;
}

export interface SimItem {
  shopId: string;
  itemId: string;
  skuId: string;
  outerId: string;
  title: string;
  priceFen: number;
}

export interface SimDelivery {
  at: number;
  lineId: string;
  /** What reached the buyer (the message / cert list, as the platform stored it). */
  content: string;
}

export interface SimLine {
  lineId: string;
  itemId: string;
  skuId: string;
  outerId: string;
  title: string;
  quantity: number;
  priceFen: number;
  refund: SimRefund;
  /** Set for a 直充 line: the account the buyer entered. Such a line is settled by a top-up report. */
  rechargeAccount?: string;
  shippedAt: number | null;
  /** The top-up result the merchant reported for a recharge line (topup.result / charge notify). */
  topup?: SimTopup;
}

export interface SimTopup {
  success: boolean;
  /** The merchant's own reference (seller_order_no / outer_order_sn). */
  serial: string;
  at: number;
}

/**
 * `reported` success shipped the lines / failure opened a refund request; `already` the same result was
 * reported before; `conflict` the other result was; `not_recharge` none of the lines is a recharge line;
 * `not_paid` the order may not ship (unpaid, closed, refunded).
 */
export type TopupOutcome = 'reported' | 'already' | 'conflict' | 'not_recharge' | 'not_paid';

export interface SimOrder {
  orderId: string;
  shopId: string;
  status: SimOrderStatus;
  createdAt: number;
  paidAt: number | null;
  updatedAt: number;
  buyer: { id: string; nick: string; phone?: string; email?: string; ip?: string; deviceId?: string; region?: string };
  buyerMessage: string;
  lines: SimLine[];
  /** Every delivery the platform accepted (a repeat is refused by the protocol layer, not recorded). */
  deliveries: SimDelivery[];
  riskFlags: string[];
  /** Monotonic, for stable ordering of orders updated in the same millisecond. */
  seq: number;
}

export type StoreEvent = { kind: 'paid' | 'refund' | 'closed' | 'created' | 'shipped'; order: SimOrder; lineId?: string };


export interface PlatformStoreOptions {
  clock?: () => number;
  /** Prefix for generated ids, so orders of different platforms never look alike. */
  idStyle: { order: () => string; line: (order: string, index: number) => string; item: () => string; sku: () => string };
  /** Access tokens live this long (ms); default 24 h. */
  tokenTtlMs?: number;
}

export const randomHex = (bytes: number): string => randomBytes(bytes).toString('hex');
export const randomDigits = (n: number): string => {
  let s = String(1 + Math.floor(Math.random() * 9));
  while (s.length < n) s += String(Math.floor(Math.random() * 10));
  return s;
};

export class PlatformStore {
  readonly shops = new Map<string, SimShop>();
  readonly items = new Map<string, SimItem>();
  readonly orders = new Map<string, SimOrder>();
  #seq = 0;
  /** Demo "autopilot": a buyer orders and pays every N ms, so a newcomer watches orders arrive. */
  readonly #autopilots = new Map<string, NodeJS.Timeout>();
  readonly #listeners = new Set<(e: StoreEvent) => void>();
  readonly clock: () => number;

  constructor(private readonly options: PlatformStoreOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** Push senders subscribe here. */
  onEvent(listener: (e: StoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  shopByAppKey(appKey: string): SimShop | undefined {
    for (const shop of this.shops.values()) if (shop.appKey === appKey) return shop;
    return undefined;
  }

  shopByToken(token: string): SimShop | undefined {
    for (const shop of this.shops.values()) if (shop.accessToken === token) return shop;
    return undefined;
  }

  /** Orders of a shop whose updatedAt is in [from, to], newest-updated first (the platforms' native order). */
  ordersUpdatedBetween(shopId: string, from: number, to: number): SimOrder[] {
    const list: SimOrder[] = [];
    for (const o of this.orders.values()) if (o.shopId === shopId && o.updatedAt >= from && o.updatedAt <= to) list.push(o);
    return list.sort((a, b) => b.updatedAt - a.updatedAt || b.seq - a.seq);
  }

  issueToken(shop: SimShop): void {
    shop.accessToken = `at_${randomHex(12)}`;
    shop.refreshToken = `rt_${randomHex(12)}`;
    shop.tokenExpiresAt = this.clock() + (this.options.tokenTtlMs ?? 86_400_000);
  }

  /**
   * Records a delivery for a line if the order may still ship. Returns 'already' when that line was
   * shipped before (the protocol layer answers with its platform's "already processed" error or success).
   */
  ship(order: SimOrder, lineIds: string[], content: string): 'shipped' | 'already' | 'not_paid' {
    const lines = order.lines.filter((l) => lineIds.includes(l.lineId));
    if (lines.length === 0) return 'not_paid';
    if (lines.every((l) => l.shippedAt !== null)) return 'already';
    if (order.status !== 'paid' && order.status !== 'shipped') return 'not_paid';
    const at = this.clock();
    for (const line of lines) {
      if (line.shippedAt !== null || line.refund === 'refunded') continue;
      line.shippedAt = at;
      order.deliveries.push({ at, lineId: line.lineId, content });
    }
    if (order.lines.every((l) => l.shippedAt !== null || l.refund === 'refunded')) order.status = 'shipped';
    this.#touch(order);
    this.#emit({ kind: 'shipped', order });
    return 'shipped';
  }

  /**
   * Records a top-up result for the recharge lines among `lineIds`. A success ships them (the delivery
   * content is what the platform stored); a failure leaves them unshipped with a refund request open, so
   * the buyer is refunded through the ordinary after-sales path.
   */
  reportTopup(order: SimOrder, lineIds: string[], result: { success: boolean; serial: string; content: string }): TopupOutcome {
    const lines = order.lines.filter((l) => lineIds.includes(l.lineId) && l.rechargeAccount !== undefined);
    if (lines.length === 0) return 'not_recharge';
    if (lines.every((l) => l.topup?.success === result.success)) return 'already';
    if (lines.some((l) => l.topup !== undefined)) return 'conflict';
    if ((order.status !== 'paid' && order.status !== 'shipped') || lines.every((l) => l.refund === 'refunded')) return 'not_paid';
    const ids = lines.map((l) => l.lineId);
    // A line shipped by an ordinary delivery before (a platform that allows it) counts as topped up.
    const shipped = result.success ? this.ship(order, ids, result.content) : 'shipped';
    if (shipped === 'not_paid') return 'not_paid';
    const at = this.clock();
    for (const line of lines) line.topup = { success: result.success, serial: result.serial, at };
    if (!result.success) {
      for (const line of lines) if (line.refund === 'none') line.refund = 'requested';
      this.#touch(order);
      this.#emit({ kind: 'refund', order, ...(ids.length === 1 && { lineId: ids[0] }) });
    }
    return shipped === 'already' ? 'already' : 'reported';
  }

  control(action: string, body: unknown): unknown {
    switch (action) {
      case 'createShop': {
        const input = parseOrThrow(createShopInput, body, '创建店铺');
        const shop: SimShop = {
          shopId: randomDigits(9),
          name: input.name,
          appKey: randomDigits(8),
          appSecret: randomHex(16),
          accessToken: '',
          refreshToken: '',
          tokenExpiresAt: 0,
          ...(input.pushUrl && { pushUrl: input.pushUrl }),
          createdAt: this.clock(),
        };
        this.issueToken(shop);
        this.shops.set(shop.shopId, shop);
        return { ...shop };
      }
      case 'createItem': {
        const input = parseOrThrow(createItemInput, body, '创建商品');
        this.#shop(input.shopId);
        const item: SimItem = { ...input, itemId: this.options.idStyle.item(), skuId: input.skuId ?? this.options.idStyle.sku() };
        this.items.set(item.itemId, item);
        return { ...item };
      }
      case 'createOrder':
        return this.#createOrders(parseOrThrow(createOrderInput, body, '创建订单'));
      case 'pay': {
        const order = this.#order(parseOrThrow(orderRef, body, '支付订单').orderId);
        if (order.status !== 'unpaid') throw new SandboxError(409, 'NOT_UNPAID', `订单不是待付款状态：${order.orderId}`);
        this.#pay(order);
        return this.view(order);
      }
      case 'refund': {
        const input = parseOrThrow(refundInput, body, '退款');
        const order = this.#order(input.orderId);
        const lines = input.lineId ? order.lines.filter((l) => l.lineId === input.lineId) : order.lines;
        if (lines.length === 0) throw new SandboxError(404, 'LINE_NOT_FOUND', `订单没有这一行：${input.lineId}`);
        for (const line of lines) line.refund = input.requestOnly ? 'requested' : 'refunded';
        if (!input.requestOnly && order.lines.every((l) => l.refund === 'refunded')) order.status = 'closed';
        this.#touch(order);
        this.#emit({ kind: 'refund', order, ...(input.lineId && { lineId: input.lineId }) });
        return this.view(order);
      }
      case 'close': {
        const order = this.#order(parseOrThrow(orderRef, body, '关闭订单').orderId);
        order.status = 'closed';
        this.#touch(order);
        this.#emit({ kind: 'closed', order });
        return this.view(order);
      }
      case 'expireToken': {
        const shop = this.#shop(parseOrThrow(shopRef, body, '让令牌过期').shopId);
        shop.tokenExpiresAt = this.clock() - 1;
        return { ok: true };
      }
      case 'setPushUrl': {
        const input = parseOrThrow(pushUrlInput, body, '设置推送地址');
        const shop = this.#shop(input.shopId);
        if (input.pushUrl) shop.pushUrl = input.pushUrl;
        else delete shop.pushUrl;
        return { ok: true };
      }
      case 'autopilot': {
        const input = parseOrThrow(autopilotInput, body, '自动下单');
        this.#shop(input.shopId);
        clearInterval(this.#autopilots.get(input.shopId));
        this.#autopilots.delete(input.shopId);
        if (input.everyMs > 0) {
          let n = 0;
          const timer = setInterval(() => {
            const itemId = input.itemIds[n++ % input.itemIds.length]!;
            if (!this.items.has(itemId)) return;
            this.#createOrders({ shopId: input.shopId, lines: [{ itemId, quantity: 1 }], buyer: {}, buyerMessage: '', pay: true, riskFlags: [], count: 1 });
          }, input.everyMs);
          timer.unref();
          this.#autopilots.set(input.shopId, timer);
        }
        return { ok: true };
      }
      case 'order':
        return this.view(this.#order(parseOrThrow(orderRef, body, '查询订单').orderId));
      case 'ledger':
        return this.ledger();
      default:
        throw new SandboxError(404, 'UNKNOWN_ACTION', `不支持的操作：${action}`);
    }
  }

  /** What buyers received: per order, its deliveries; used by the bench and kill test to count duplicates. */
  ledger(): { orderId: string; shopId: string; status: SimOrderStatus; paidAt: number | null; refunded: boolean; lines: number; deliveries: SimDelivery[] }[] {
    return [...this.orders.values()].map((o) => ({
      orderId: o.orderId,
      shopId: o.shopId,
      status: o.status,
      paidAt: o.paidAt,
      refunded: o.lines.every((l) => l.refund === 'refunded'),
      lines: o.lines.length,
      deliveries: o.deliveries.map((d) => ({ ...d })),
    }));
  }

  view(order: SimOrder): SimOrder {
    return structuredClone(order);
  }

  snapshot(): unknown {
    return {
      shops: [...this.shops.values()].map((s) => ({ ...s })),
      items: [...this.items.values()],
      orders: [...this.orders.values()].map((o) => this.view(o)),
    };
  }

  reset(): void {
    for (const timer of this.#autopilots.values()) clearInterval(timer);
    this.#autopilots.clear();
    this.shops.clear();
    this.items.clear();
    this.orders.clear();
  }

  #createOrders(input: z.infer<typeof createOrderInput>): unknown {
    this.#shop(input.shopId);
    const created: SimOrder[] = [];
    for (let n = 0; n < input.count; n++) {
      const orderId = this.options.idStyle.order();
      const now = this.clock();
      const order: SimOrder = {
        orderId,
        shopId: input.shopId,
        status: 'unpaid',
        createdAt: now,
        paidAt: null,
        updatedAt: now,
        buyer: { id: input.buyer.id ?? `buyer_${randomHex(6)}`, nick: input.buyer.nick ?? `买家${randomDigits(4)}`, ...stripEmpty(input.buyer) },
        buyerMessage: input.buyerMessage,
        lines: input.lines.map((l, i) => {
          const item = this.items.get(l.itemId);
          if (!item || item.shopId !== input.shopId) throw new SandboxError(404, 'ITEM_NOT_FOUND', `店铺里没有这个商品：${l.itemId}`);
          return {
            lineId: this.options.idStyle.line(orderId, i),
            itemId: item.itemId,
            skuId: item.skuId,
            outerId: item.outerId,
            title: item.title,
            quantity: l.quantity,
            priceFen: item.priceFen,
            refund: 'none' as const,
            ...(l.rechargeAccount && { rechargeAccount: l.rechargeAccount }),
            shippedAt: null,
          };
        }),
        deliveries: [],
        riskFlags: input.riskFlags,
        seq: ++this.#seq,
      };
      this.orders.set(orderId, order);
      this.#emit({ kind: 'created', order });
      if (input.pay) this.#pay(order);
      created.push(order);
    }
    return input.count === 1 ? this.view(created[0]!) : { orders: created.map((o) => ({ orderId: o.orderId, paidAt: o.paidAt })) };
  }

  #pay(order: SimOrder): void {
    order.status = 'paid';
    order.paidAt = this.clock();
    this.#touch(order);
    this.#emit({ kind: 'paid', order });
  }

  #touch(order: SimOrder): void {
    order.updatedAt = Math.max(this.clock(), order.updatedAt);
    order.seq = ++this.#seq;
  }

  #emit(event: StoreEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  #shop(shopId: string): SimShop {
    const shop = this.shops.get(shopId);
    if (!shop) throw new SandboxError(404, 'SHOP_NOT_FOUND', `店铺不存在：${shopId}`);
    return shop;
  }

  #order(orderId: string): SimOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new SandboxError(404, 'ORDER_NOT_FOUND', `订单不存在：${orderId}`);
    return order;
  }
}

function stripEmpty<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

export { postPush } from './push-sender.js';
