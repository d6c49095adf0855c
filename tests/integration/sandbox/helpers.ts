// Shared harness for sandbox integration tests: a fresh sandbox per test (demo-shop plus two tiny
// simulators that exercise error paths) and typed helpers for the control API.
import { afterEach, beforeEach, expect } from 'vitest';
import { createDemoShop, startSandbox, type Sandbox, type Simulator } from '../../../src-main/sandbox/index.js';

export const CHINESE = /[\u4e00-\u9fff]/;

export interface ErrorBody {
  error: { code: string; message: string };
}
export interface ShopCreds {
  shopId: string;
  appKey: string;
  appSecret: string;
}
export interface Order {
  orderId: string;
  shopId: string;
  title: string;
  status: string;
  amountFen: number;
  createdAt: number;
  paidAt: number | null;
}

// Throws on every call: the server must turn that into a 500 and keep serving.
export const boom: Simulator = {
  name: 'boom',
  title: '故障模拟器',
  handle: (req) => {
    if (req.path === '/async') return Promise.reject(new Error('async kaboom'));
    throw new Error('kaboom');
  },
  control: () => {
    throw new Error('control kaboom');
  },
};

// Answers rate limits in its own format, like Taobao's HTTP 200 + error_response.
export const custom: Simulator = {
  name: 'custom',
  title: '自定义错误格式',
  handle: () => ({ status: 200, body: { ok: true } }),
  faultBody: (kind) =>
    kind === 'rateLimit' ? { status: 200, body: { error_response: { code: 7, msg: 'App Call Limited' } } } : undefined,
};

export interface Harness {
  /** Replaceable: a test may close it and start its own (afterEach closes whatever is here). */
  sb: Sandbox;
  /** The demo-shop clock, epoch ms. */
  now: number;
  control<T>(path: string, body?: unknown, method?: string): Promise<{ status: number; json: T }>;
  addFault(rule: Record<string, unknown>): Promise<{ id: string }>;
  /** A shop with two orders (月卡 then 季卡, 1 s apart); orderIds in creation order. */
  setupShop(): Promise<ShopCreds & { orderIds: string[] }>;
  getOrders(shop: ShopCreds, signal?: AbortSignal): Promise<Response>;
}

export function useSandbox(): Harness {
  const h = { now: 0 } as Harness;

  beforeEach(async () => {
    h.now = 1_700_000_000_000;
    h.sb = await startSandbox({ simulators: [createDemoShop({ clock: () => h.now }), boom, custom] });
  });
  afterEach(async () => {
    await h.sb.close();
  });

  h.control = async <T>(path: string, body?: unknown, method = 'POST') => {
    const res = await fetch(`${h.sb.url}/_control/${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as T };
  };

  h.addFault = async (rule) => {
    const { status, json } = await h.control<{ id: string }>('faults', rule);
    expect(status).toBe(201);
    return json;
  };

  h.setupShop = async () => {
    const shop = (await h.control<ShopCreds>('demo-shop/createShop', { name: '测试店' })).json;
    const orderIds: string[] = [];
    for (const title of ['月卡', '季卡']) {
      const order = { shopId: shop.shopId, title, quantity: 1, amountFen: 1990 };
      const { status, json } = await h.control<Order>('demo-shop/createOrder', order);
      expect(status).toBe(200);
      orderIds.push(json.orderId);
      h.now += 1000;
    }
    return { ...shop, orderIds };
  };

  h.getOrders = (shop, signal) =>
    fetch(`${h.sb.url}/demo-shop/orders?shopId=${shop.shopId}`, {
      headers: { 'x-app-key': shop.appKey },
      ...(signal ? { signal } : {}),
    });

  return h;
}
