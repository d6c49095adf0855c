// The sandbox server itself: loopback binding, routing, the demo-shop control flow, error handling.
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CHINESE, useSandbox, type ErrorBody, type Order } from './helpers.js';

const h = useSandbox();
const { control, addFault, setupShop, getOrders } = h;

describe('sandbox host', () => {
  it('listens on loopback only', () => {
    const address = h.sb.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.port).toBe(h.sb.port);
    expect(h.sb.url).toBe(`http://127.0.0.1:${h.sb.port}`);
  });

  it('lists simulators with their Chinese titles', async () => {
    const { json } = await control<{ simulators: { name: string; title: string }[] }>('simulators', undefined, 'GET');
    expect(json.simulators).toContainEqual({ name: 'demo-shop', title: '演示店铺' });
  });

  it('creates a shop and orders, pays one, and lists them newest first with the app key', async () => {
    const shop = await setupShop();
    const other = await setupShop();
    expect(shop.appKey).not.toBe(other.appKey);
    expect(shop.appSecret).toMatch(/^[0-9a-f]{32}$/);

    const paid = await control<Order>('demo-shop/pay', { orderId: shop.orderIds[0] });
    expect(paid.json.status).toBe('paid');
    expect(paid.json.paidAt).toBe(h.now);
    expect((await control<ErrorBody>('demo-shop/pay', { orderId: shop.orderIds[0] })).status).toBe(409);

    const res = await getOrders(shop);
    expect(res.status).toBe(200);
    const { orders } = (await res.json()) as { orders: Order[] };
    expect(orders.map((o) => o.orderId)).toEqual([shop.orderIds[1], shop.orderIds[0]]);
    expect(orders.map((o) => o.status)).toEqual(['unpaid', 'paid']);
    expect(orders.every((o) => o.shopId === shop.shopId && o.amountFen === 1990)).toBe(true);
  });

  it('rejects order listing without the right app key', async () => {
    const shop = await setupShop();
    const other = await setupShop();
    const noKey = await fetch(`${h.sb.url}/demo-shop/orders?shopId=${shop.shopId}`);
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as ErrorBody).error.code).toBe('UNAUTHORIZED');
    const wrongKey = await getOrders({ ...shop, appKey: other.appKey });
    expect(wrongKey.status).toBe(401);
  });

  it('validates control action input with a Chinese 400/404', async () => {
    const bad = await control<ErrorBody>('demo-shop/createOrder', { shopId: 'x', title: '卡', quantity: 0, amountFen: 1.5 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(CHINESE);
    const missingShop = await control<ErrorBody>('demo-shop/createOrder', { shopId: 'nope', title: '卡', quantity: 1, amountFen: 1 });
    expect(missingShop.status).toBe(404);
    expect((await control<ErrorBody>('demo-shop/explode', {})).status).toBe(404);
    const res = await fetch(`${h.sb.url}/_control/demo-shop/createShop`, { method: 'POST', body: '{oops' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe('BAD_JSON');
  });

  it('resets all simulators and faults', async () => {
    const shop = await setupShop();
    await addFault({ simulator: 'demo-shop', kind: 'http5xx' });
    expect((await control('reset')).status).toBe(200);
    const state = await control<{ shops: unknown[]; orders: unknown[] }>('demo-shop/state', undefined, 'GET');
    expect(state.json).toEqual({ shops: [], orders: [] });
    expect((await control<{ faults: unknown[] }>('faults', undefined, 'GET')).json.faults).toEqual([]);
    expect((await getOrders(shop)).status).toBe(401); // shop is gone, and no 500 fault either
  });

  it.each([
    ['GET', '/nope'],
    ['GET', '/'],
    ['GET', '/demo-shop/nope'],
    ['GET', '/_control/nope'],
    ['PUT', '/_control/faults'],
    ['GET', '/_control/demo-shop/state/extra'],
  ])('answers %s %s with a JSON 404 in Chinese', async (method, path) => {
    const res = await fetch(`${h.sb.url}${path}`, { method });
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toMatch(CHINESE);
  });

  it.each(['/_control/demo-shop/createShop', '/demo-shop/orders'])('rejects a body over 1 MB on %s with 413', async (path) => {
    const res = await fetch(`${h.sb.url}${path}`, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.error.message).toMatch(CHINESE);
    // Exactly at the limit is accepted (reaches the simulator, which 404s the POST).
    const atLimit = await fetch(`${h.sb.url}/demo-shop/orders`, { method: 'POST', body: 'x'.repeat(1024 * 1024) });
    expect(atLimit.status).toBe(404);
  });

  it('turns simulator exceptions into 500 JSON and keeps serving', async () => {
    for (const path of ['/boom/x', '/boom/async']) {
      const res = await fetch(`${h.sb.url}${path}`);
      expect(res.status).toBe(500);
      expect(((await res.json()) as ErrorBody).error.code).toBe('INTERNAL');
    }
    expect((await control<ErrorBody>('boom/anything', {})).status).toBe(500);
    const after = await control<{ simulators: unknown[] }>('simulators', undefined, 'GET');
    expect(after.status).toBe(200);
    expect(after.json.simulators).toHaveLength(3);
  });

  it('registers a simulator at runtime and refuses bad or duplicate names', async () => {
    h.sb.register({ name: 'late', title: '后加入', handle: () => ({ status: 200, body: 'hi' }) });
    const res = await fetch(`${h.sb.url}/late/x`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hi');
    expect(() => h.sb.register({ name: 'late', title: '重复', handle: () => ({ status: 200, body: '' }) })).toThrow(/重复/);
    expect(() => h.sb.register({ name: 'faults', title: '保留名', handle: () => ({ status: 200, body: '' }) })).toThrow();
    expect(() => h.sb.register({ name: '_x', title: '非法', handle: () => ({ status: 200, body: '' }) })).toThrow();
  });
});
