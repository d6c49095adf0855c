// 演示店铺: the smallest useful simulator. It exercises the framework end to end (control actions,
// per-shop credentials, a list endpoint, the duplicate marker) and is the template for real platforms.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { SandboxError, errorResponse } from '../http.js';
import type { SimRequest, SimResponse, Simulator } from '../types.js';
import { parseOrThrow } from '../validate.js';

export interface DemoShop {
  shopId: string;
  name: string;
  appKey: string;
  appSecret: string;
  createdAt: number;
}

export interface DemoOrder {
  orderId: string;
  shopId: string;
  title: string;
  quantity: number;
  /** Integer fen (分): money is never a float. */
  amountFen: number;
  status: 'unpaid' | 'paid';
  createdAt: number;
  paidAt: number | null;
}

export interface DemoShopOptions {
  /** Epoch ms; injectable so tests control order times. */
  clock?: () => number;
}

const text = (label: string) => z.string({ error: `${label}必须是字符串` }).trim().min(1, `${label}不能为空`);
const createShopInput = z.object({ name: text('店铺名称').max(100, '店铺名称最多 100 个字符') });
const createOrderInput = z.object({
  shopId: text('shopId'),
  title: text('商品标题').max(200, '商品标题最多 200 个字符'),
  quantity: z.number({ error: '数量必须是数字' }).int('数量必须是正整数').positive('数量必须是正整数'),
  amountFen: z.number({ error: '金额必须是数字（分）' }).int('金额必须是整数（分）').nonnegative('金额不能为负数'),
});
const payInput = z.object({ orderId: text('orderId') });

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export function createDemoShop(options: DemoShopOptions = {}): Simulator {
  const clock = options.clock ?? Date.now;
  const shops = new Map<string, DemoShop>();
  // Insertion order doubles as a tie-breaker when two orders share the same millisecond.
  const orders: DemoOrder[] = [];

  function control(action: string, body: unknown): unknown {
    switch (action) {
      case 'createShop': {
        const input = parseOrThrow(createShopInput, body, '创建店铺');
        const shop: DemoShop = {
          shopId: `shop_${hex(6)}`,
          name: input.name,
          appKey: `ak_${hex(8)}`,
          appSecret: hex(16),
          createdAt: clock(),
        };
        shops.set(shop.shopId, shop);
        return { shopId: shop.shopId, appKey: shop.appKey, appSecret: shop.appSecret };
      }
      case 'createOrder': {
        const input = parseOrThrow(createOrderInput, body, '创建订单');
        if (!shops.has(input.shopId)) throw new SandboxError(404, 'SHOP_NOT_FOUND', `店铺不存在：${input.shopId}`);
        const order: DemoOrder = { orderId: `ord_${hex(8)}`, ...input, status: 'unpaid', createdAt: clock(), paidAt: null };
        orders.push(order);
        return { ...order };
      }
      case 'pay': {
        const { orderId } = parseOrThrow(payInput, body, '支付订单');
        const order = orders.find((o) => o.orderId === orderId);
        if (!order) throw new SandboxError(404, 'ORDER_NOT_FOUND', `订单不存在：${orderId}`);
        if (order.status === 'paid') throw new SandboxError(409, 'ALREADY_PAID', `订单已支付：${orderId}`);
        order.status = 'paid';
        order.paidAt = clock();
        return { ...order };
      }
      default:
        throw new SandboxError(404, 'UNKNOWN_ACTION', `演示店铺不支持操作：${action}`);
    }
  }

  function listOrders(req: SimRequest): SimResponse {
    const shopId = req.query.get('shopId') ?? '';
    const shop = shops.get(shopId);
    // Same answer for an unknown shop and a wrong key, like real gateways: no hint about which shops exist.
    if (!shop || req.headers['x-app-key'] !== shop.appKey) {
      return errorResponse(401, 'UNAUTHORIZED', 'app key 无效或与店铺不匹配');
    }
    const list = orders
      .map((o, seq) => ({ o, seq }))
      .filter(({ o }) => o.shopId === shopId)
      .sort((a, b) => b.o.createdAt - a.o.createdAt || b.seq - a.seq)
      .map(({ o }) => ({ ...o }));
    // Duplicate fault: repeat the newest order at the end, as a platform does when data shifts mid-paging.
    const first = list[0];
    if (req.fault?.kind === 'duplicate' && first) list.push({ ...first });
    return { status: 200, body: { orders: list } };
  }

  return {
    name: 'demo-shop',
    title: '演示店铺',
    handle(req) {
      if (req.method === 'GET' && req.path === '/orders') return listOrders(req);
      return errorResponse(404, 'NOT_FOUND', `演示店铺没有这个接口：${req.method} ${req.path}`);
    },
    control,
    snapshot: () => ({ shops: [...shops.values()].map((s) => ({ ...s })), orders: orders.map((o) => ({ ...o })) }),
    reset() {
      shops.clear();
      orders.length = 0;
    },
  };
}
