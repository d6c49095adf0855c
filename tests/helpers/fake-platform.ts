// An in-memory platform for dispatch tests: orders the test controls, a delivery ledger that counts what
// the "buyer" received, and scripted failures. Protocol details are covered by the real simulators; this
// isolates the dispatch rules (reservation, outbox, refunds, recovery) from HTTP.
import type { ChannelAdapter, DeliveryRequest, PlatformOrder, RefundNotice } from '../../src-main/core/channels/types.js';
import { ChannelError } from '../../src-main/core/channels/errors.js';
import type { Core } from '../../src-main/core/index.js';
import { expectOk } from './core.js';

export interface FakeDelivery {
  orderId: string;
  lineId: string;
  message: string;
}

export class FakePlatform {
  orders = new Map<string, PlatformOrder>();
  refunds: RefundNotice[] = [];
  deliveries: FakeDelivery[] = [];
  shipped = new Set<string>();
  /** Next deliver calls throw these, in order. */
  failures: ChannelError[] = [];
  /** When set, deliver records the delivery and then throws (the answer was lost). */
  loseAnswers = 0;
  private seq = 0;
  now = () => Date.now();

  addOrder(partial: { lines?: Partial<PlatformOrder['lines'][number]>[]; status?: PlatformOrder['status']; buyerNick?: string; orderId?: string } = {}): PlatformOrder {
    const orderId = partial.orderId ?? `T${++this.seq}`;
    const t = this.now();
    const order: PlatformOrder = {
      orderId,
      status: partial.status ?? 'paid',
      platformStatus: partial.status === 'unpaid' ? 'WAIT_BUYER_PAY' : 'WAIT_SELLER_SEND_GOODS',
      amountFen: 1990,
      paidAt: partial.status === 'unpaid' ? null : t,
      updatedAt: t,
      buyer: { nick: partial.buyerNick ?? `buyer${this.seq}` },
      lines: (partial.lines ?? [{}]).map((l, i) => ({
        lineId: `${orderId}-${i + 1}`,
        itemId: 'ITEM1',
        skuId: 'SKU1',
        outerId: 'IQIYI-M',
        title: '爱奇艺黄金会员月卡',
        quantity: 1,
        priceFen: 1990,
        refund: 'none',
        ...l,
      })),
      raw: { tid: orderId, buyer_nick: partial.buyerNick ?? `buyer${this.seq}` },
    };
    this.orders.set(orderId, order);
    return order;
  }

  update(orderId: string, change: Partial<PlatformOrder>): void {
    const order = this.orders.get(orderId)!;
    Object.assign(order, change, { updatedAt: Math.max(order.updatedAt + 1, this.now()) });
  }

  deliveredTo(orderId: string): FakeDelivery[] {
    return this.deliveries.filter((d) => d.orderId === orderId);
  }

  adapter(): ChannelAdapter {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the adapter object's methods close over the platform
    const self = this;
    return {
      platform: 'taobao',
      title: '测试平台',
      defaultEndpoint: 'http://fake.invalid',
      limits: { maxWindowMs: 86_400_000, historyMs: 90 * 86_400_000, safetyLagMs: 0, pageSize: 100, freshLagMs: 0 },
      credentialFields: [
        { key: 'appKey', label: 'App Key', required: true, secret: false },
        { key: 'appSecret', label: 'App Secret', required: true, secret: true },
      ],
      testConnection: async () => ({ shopName: '测试店' }),
      listOrders: async (_ctx, window) => [...self.orders.values()].filter((o) => o.updatedAt >= window.from && o.updatedAt <= window.to).map((o) => structuredClone(o)),
      getOrder: async (_ctx, orderId) => {
        const o = self.orders.get(orderId);
        if (!o) return null;
        const copy = structuredClone(o);
        if (o.lines.every((l) => self.shipped.has(l.lineId))) copy.status = 'shipped';
        return copy;
      },
      listRefunds: async () => self.refunds.splice(0),
      deliver: async (_ctx, request: DeliveryRequest) => {
        const failure = self.failures.shift();
        if (failure) throw failure;
        if (self.shipped.has(request.line.lineId)) return { result: 'already', raw: { already: true } };
        const order = self.orders.get(request.order.orderId);
        const line = order?.lines.find((l) => l.lineId === request.line.lineId);
        if (!order || order.status !== 'paid' || line?.refund === 'refunded') throw new ChannelError('give_up', '订单状态不允许发货', { platformCode: 50 });
        self.shipped.add(request.line.lineId);
        self.deliveries.push({ orderId: request.order.orderId, lineId: request.line.lineId, message: request.message });
        if (self.loseAnswers > 0) {
          self.loseAnswers -= 1;
          throw new ChannelError('retry', '平台 15 秒内没有回应');
        }
        return { result: 'delivered', raw: { is_success: true } };
      },
    };
  }
}

export async function addFakeShop(core: Core, name = '测试淘宝店'): Promise<number> {
  return expectOk<{ id: number }>(await core.call('shops.add', { platform: 'taobao', name, credentials: { appKey: '12345678', appSecret: 'secret-secret' }, catchUpHours: 1 })).id;
}

export function lineStatuses(core: Core): Record<string, number> {
  const rows = core.services.sqlite.prepare('select status, count(*) as n from order_lines group by status').all() as { status: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
