// The 福禄 adapter against the sandbox supplier over real HTTP: balance, goods, direct and card orders
// with their asynchronous outcomes, duplicates and lost replies that never recharge twice, tampered
// replies, refusals in the owner's words, and signed callbacks (replayed, forged).
import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src-main/core/channels/http.js';
import { requestBody } from '../../../src-main/core/topup/suppliers/fulu/client.js';
import { fuluAdapter as fulu } from '../../../src-main/core/topup/suppliers/fulu/index.js';
import { signParams } from '../../../src-main/core/topup/suppliers/fulu/sign.js';
import type { SupplierCard, SupplierContext, SupplierCredentials } from '../../../src-main/core/topup/suppliers/types.js';
import { MembershipWorld } from '../../../src-main/sandbox/membership/world.js';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { SANDBOX_SUPPLIER_MERCHANT as DEMO, createSupplierSimulator } from '../../../src-main/sandbox/supplier/index.js';
import { failure, listen, sandboxControls, until } from '../channels/harness.js';

const T0 = Date.parse('2026-03-01T12:00:00+08:00');
const PHONE = '13800000000';
const IQIYI_DIRECT = '10000101';
const IQIYI_CARD = '10000102';
const CHINESE = /[\u4e00-\u9fff]/;

interface Snapshot {
  merchants: { appKey: string; balanceFen: number }[];
  orders: { customerOrderNo: string; state: string; callbacksSent: number }[];
}

let now = T0;
let sb: Sandbox;
let world: MembershipWorld;
const supplier = sandboxControls('supplier', () => sb);
const http = createHttpClient({ timeoutMs: 2000 });

beforeEach(async () => {
  now = T0;
  world = new MembershipWorld();
  sb = await startSandbox({ simulators: [createSupplierSimulator({ clock: () => now, world })] });
});
afterEach(async () => {
  await sb.close();
});

const ctx = (over: Partial<SupplierCredentials> = {}, client = http): SupplierContext => ({
  creds: { appKey: DEMO.appKey, appSecret: DEMO.appSecret, appAuthToken: DEMO.appAuthToken, endpoint: `${sb.url}/supplier`, ...over },
  http: client,
  now: () => now,
});
const state = async (): Promise<Snapshot> => (await (await fetch(`${sb.url}/_control/supplier/state`)).json()) as Snapshot;
const balanceFen = async () => (await fulu.balance(ctx())).balanceFen;
const direct = (no: string, over: { productId?: string; chargeAccount?: string; buyNum?: number } = {}) =>
  fulu.directAdd(ctx(), { productId: IQIYI_DIRECT, customerOrderNo: no, chargeAccount: PHONE, buyNum: 1, ...over });
const outcome = (weights: Record<string, number>) => supplier.control('setBehaviour', { outcomes: weights });
/** Lets the sandbox's processing time pass. */
const finish = () => {
  now += 300;
};

describe('account and goods', () => {
  it('reads the balance and the goods in 分', async () => {
    expect(await fulu.balance(ctx())).toEqual({ balanceFen: 500_000, name: DEMO.name });
    expect(await fulu.goods(ctx(), IQIYI_DIRECT)).toEqual({ productId: IQIYI_DIRECT, name: '爱奇艺黄金会员月卡（直充）', priceFen: 1880, kind: 'direct', faceValueFen: 2500, onSale: true });
    expect((await fulu.goods(ctx(), IQIYI_CARD)).kind).toBe('card');
    const err = await failure(fulu.goods(ctx(), '999'));
    expect(err.kind).toBe('give_up');
    expect(err.message).toMatch(/福禄没有这个商品/);
  });
});

describe('direct recharge', () => {
  it('is processing at first, then success, with the account recharged exactly once', async () => {
    const placed = await direct('KD-1');
    expect(placed).toMatchObject({ state: 'processing', duplicate: false });
    expect((await fulu.orderInfo(ctx(), 'KD-1'))?.state).toBe('processing');
    expect(world.rechargesOf(PHONE)).toHaveLength(0);
    finish();
    const info = await fulu.orderInfo(ctx(), 'KD-1');
    expect(info).toMatchObject({ customerOrderNo: 'KD-1', supplierOrderId: placed.supplierOrderId, state: 'success', costFen: 1880, cards: [] });
    expect(info?.evidence).toMatch(/^YYS\d+$/);
    // 福禄 writes whole seconds.
    expect(info?.finishedAt).toBe(T0);
    expect(world.rechargesOf(PHONE)).toEqual([{ account: PHONE, packageId: 'iqiyi-gold-month', source: 'supplier', ref: 'KD-1', at: T0 + 300 }]);
    expect(await balanceFen()).toBe(500_000 - 1880);
    expect(await fulu.orderInfo(ctx(), 'KD-unknown')).toBeNull();
  });

  it('answers a repeated customer_order_no as a duplicate and never buys or recharges again', async () => {
    const first = await direct('KD-2');
    finish();
    const again = await direct('KD-2');
    expect(again).toEqual({ supplierOrderId: first.supplierOrderId, state: 'success', duplicate: true });
    expect(world.rechargesOf(PHONE)).toHaveLength(1);
    expect(world.doubleTopups()).toEqual([]);
    expect(await balanceFen()).toBe(500_000 - 1880);
    const clash = await failure(direct('KD-2', { chargeAccount: '13900000000' }));
    expect(clash.kind).toBe('give_up');
    expect(clash.message).toMatch(/商品或充值账号与这次不同/);
  });

  it('reconciles a lost reply: the order exists at the supplier and a retry is a duplicate', async () => {
    await supplier.control('setBehaviour', { lostReplyRate: 1 });
    const lost = await failure(direct('KD-3'));
    expect(lost.kind).toBe('retry');
    expect(lost.details.httpStatus).toBe(502);
    await supplier.control('setBehaviour', { lostReplyRate: 0 });
    expect((await fulu.orderInfo(ctx(), 'KD-3'))?.state).toBe('processing');
    expect((await direct('KD-3')).duplicate).toBe(true);
    finish();
    expect((await fulu.orderInfo(ctx(), 'KD-3'))?.state).toBe('success');
    expect(world.rechargesOf(PHONE)).toHaveLength(1);
  });

  it('treats a reply whose signature does not verify as bad_signature; the order can still be read', async () => {
    await supplier.control('setBehaviour', { badReplySignRate: 1 });
    const err = await failure(direct('KD-4'));
    expect(err.kind).toBe('bad_signature');
    expect(err.message).toMatch(/供应商回复的签名校验失败/);
    await supplier.control('setBehaviour', { badReplySignRate: 0 });
    expect((await fulu.orderInfo(ctx(), 'KD-4'))?.customerOrderNo).toBe('KD-4');
  });

  it.each([
    ['failed_refunded', 500_000],
    ['failed_not_refunded', 500_000 - 1880],
  ] as const)('%s leaves the balance at %i and recharges nobody', async (state, balance) => {
    await outcome({ [state]: 1 });
    await direct('KD-5');
    finish();
    const info = await fulu.orderInfo(ctx(), 'KD-5');
    expect(info?.state).toBe(state);
    expect(info?.description).toMatch(CHINESE);
    expect(await balanceFen()).toBe(balance);
    expect(world.recharges).toHaveLength(0);
  });

  it('reports a disputed success with its evidence (the buyer was recharged)', async () => {
    await outcome({ success_disputed: 1 });
    await direct('KD-6');
    finish();
    const info = await fulu.orderInfo(ctx(), 'KD-6');
    expect(info?.state).toBe('success_disputed');
    expect(info?.evidence).toMatch(/争议工单/);
    expect(world.rechargesOf(PHONE)).toHaveLength(1);
  });
});

describe('refusals, in the owner\'s words', () => {
  it('gives up on a low balance, an account in the wrong format, or goods off sale, buying nothing', async () => {
    await supplier.control('setMerchant', { appKey: DEMO.appKey, balanceFen: 100 });
    const poor = await failure(direct('KD-7'));
    expect([poor.kind, poor.details.platformCode]).toEqual(['give_up', 2001]);
    expect(poor.message).toMatch(/余额不足/);
    await supplier.control('setMerchant', { appKey: DEMO.appKey, balanceFen: 500_000 });
    const badAccount = await failure(direct('KD-8', { chargeAccount: 'not-a-phone' }));
    expect(badAccount.kind).toBe('give_up');
    expect(badAccount.message).toMatch(/充值账号格式不.*not-a-phone/);
    await supplier.control('setGoods', { productId: IQIYI_DIRECT, onSale: false });
    expect((await failure(direct('KD-9'))).message).toMatch(/下架/);
    expect((await failure(fulu.directAdd(ctx(), { productId: IQIYI_CARD, customerOrderNo: 'KD-10', chargeAccount: PHONE, buyNum: 1 }))).message).toMatch(/卡密商品/);
    expect((await state()).orders).toEqual([]);
    expect(await balanceFen()).toBe(500_000);
  });

  it('asks the owner about wrong credentials', async () => {
    const secret = await failure(fulu.balance(ctx({ appSecret: 'wrong-secret' })));
    expect(secret.kind).toBe('bad_signature');
    expect(secret.message).toMatch(/签名校验失败.*AppSecret/);
    const key = await failure(fulu.balance(ctx({ appKey: 'nobody' })));
    expect(key.kind).toBe('reauth');
    expect(key.message).toMatch(/AppKey/);
    const token = await failure(fulu.balance(ctx({ appAuthToken: 'stale' })));
    expect(token.kind).toBe('reauth');
    expect(token.message).toMatch(/授权令牌/);
  });

  it('refuses a request sent with a clock more than 10 minutes off', async () => {
    const skewed = { ...ctx(), now: () => now + 11 * 60_000 };
    const err = await failure(fulu.balance(skewed));
    expect(err.kind).toBe('give_up');
    expect(err.message).toMatch(/请校准电脑时间/);
  });

  it('maps the host\'s injected faults: busy → retry, rate limit → backoff, cut body → bad_response, hang → retry', async () => {
    await supplier.addFault({ kind: 'http5xx', times: 1 });
    expect((await failure(fulu.balance(ctx()))).kind).toBe('retry');
    await supplier.addFault({ kind: 'rateLimit', times: 1 });
    expect((await failure(fulu.balance(ctx()))).kind).toBe('backoff');
    await supplier.addFault({ kind: 'malformed', times: 1 });
    expect((await failure(fulu.balance(ctx()))).kind).toBe('bad_response');
    await supplier.addFault({ kind: 'timeout', times: 1, delayMs: 5000 });
    expect((await failure(fulu.balance(ctx({}, createHttpClient({ timeoutMs: 200 }))))).kind).toBe('retry');
    expect(await balanceFen()).toBe(500_000);
  });
});

describe('the sandbox gateway', () => {
  it('enforces the protocol on hand-made requests and buys nothing for them', async () => {
    const send = async (params: Record<string, unknown>) => {
      const res = await fetch(`${sb.url}/supplier/api/getway`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...params, sign: signParams(params, DEMO.appSecret) }),
      });
      return (await res.json()) as { code: number; message: string };
    };
    const biz = { product_id: 10000101, customer_order_no: 'RAW', charge_account: PHONE, buy_num: 1 };
    const { sign: _sign, ...base } = JSON.parse(requestBody(ctx().creds, 'fulu.order.direct.add', biz, now)) as Record<string, string>;
    const { app_auth_token: _token, ...noToken } = base;
    expect((await send({ ...base, biz_content: biz })).code).toBe(1007);
    expect((await send({ ...base, biz_content: '{"product_id":' })).code).toBe(1007);
    expect((await send({ ...base, timestamp: '2026/03/01 12:00:00' })).code).toBe(1003);
    expect((await send({ ...base, version: '1.0' })).code).toBe(1008);
    expect((await send(noToken)).code).toBe(1001);
    expect((await send({ ...base, biz_content: JSON.stringify({ ...biz, buy_num: 0 }) })).code).toBe(1008);
    expect((await send({ ...base, biz_content: JSON.stringify({ ...biz, customer_order_no: undefined }) })).message).toMatch(/customer_order_no/);
    expect((await send({ ...base, method: 'fulu.order.nothing' })).code).toBe(1006);
    expect((await state()).orders).toEqual([]);
  });

  it('refuses a bad control body in Chinese', async () => {
    const res = await fetch(`${sb.url}/_control/supplier/setBehaviour`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ badReplySignRate: 2 }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/badReplySignRate.*0 到 1/);
  });
});

describe('card purchase', () => {
  it('hands out decrypted keys once the order succeeds, and reads their redemption status', async () => {
    const placed = await fulu.cardAdd(ctx(), { productId: IQIYI_CARD, customerOrderNo: 'KD-C1', buyNum: 2 });
    expect(placed).toMatchObject({ state: 'processing', duplicate: false });
    expect((await fulu.orderInfo(ctx(), 'KD-C1'))?.cards).toEqual([]);
    finish();
    const info = await fulu.orderInfo(ctx(), 'KD-C1');
    expect(info).toMatchObject({ state: 'success', costFen: 3700 });
    expect(info?.cards).toHaveLength(2);
    for (const card of info?.cards ?? []) {
      expect(card.cardNo).toMatch(/^FL\d{14}$/);
      expect(card.expiresAt).toBeGreaterThan(now);
      expect(world.card(card.secret)).toMatchObject({ cardNo: card.cardNo, packageId: 'iqiyi-gold-month', status: 'unused' });
    }
    const [first, second] = info!.cards as [SupplierCard, SupplierCard];
    expect(await fulu.cardStatus!(ctx(), { productId: IQIYI_CARD, ...first })).toEqual({ status: 'unused', redeemedAt: null });
    now += 60_000;
    await supplier.control('redeemCard', { secret: first.secret, account: PHONE });
    expect(await fulu.cardStatus!(ctx(), { productId: IQIYI_CARD, ...first })).toEqual({ status: 'redeemed', redeemedAt: now - (now % 1000) });
    await supplier.control('invalidateCard', { secret: second.secret });
    expect((await fulu.cardStatus!(ctx(), { productId: IQIYI_CARD, ...second })).status).toBe('invalid');
    expect((await failure(fulu.cardStatus!(ctx(), { productId: IQIYI_CARD, cardNo: null, secret: 'NOT-SOLD-HERE' }))).message).toMatch(/查不到这张卡密/);
    await supplier.control('setBehaviour', { cardStatusSupported: false });
    expect((await failure(fulu.cardStatus!(ctx(), { productId: IQIYI_CARD, ...first }))).kind).toBe('give_up');
    expect((await fulu.cardAdd(ctx(), { productId: IQIYI_CARD, customerOrderNo: 'KD-C1', buyNum: 2 })).duplicate).toBe(true);
    expect(await balanceFen()).toBe(500_000 - 3700);
  });
});

describe('callbacks', () => {
  async function receiver() {
    const bodies: Buffer[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks));
        const ack = fulu.callbackAck();
        res.writeHead(ack.status, { 'content-type': ack.contentType }).end(ack.body);
      });
    });
    const url = await listen(server);
    return { bodies, url, close: () => new Promise<void>((r) => server.close(() => r())) };
  }
  const asRequest = (body: Buffer) => ({ headers: { 'content-type': 'application/json' }, body, query: new URLSearchParams() });

  it('sends a signed callback on finish, repeated as configured; a forged one is refused', async () => {
    const rx = await receiver();
    try {
      await supplier.control('setMerchant', { appKey: DEMO.appKey, callbackUrl: `${rx.url}/fulu/callback` });
      await supplier.control('setBehaviour', { callbackRepeat: 3 });
      await direct('KD-CB');
      finish();
      await supplier.control('tick');
      await until(() => rx.bodies.length === 3);
      const notices = rx.bodies.map((b) => fulu.parseCallback(ctx().creds, asRequest(b)));
      expect(notices.map((n) => [n.customerOrderNo, n.state])).toEqual(Array(3).fill(['KD-CB', 'success']));
      // The count moves once the sandbox has read our ack, a moment after the body arrived.
      for (let i = 0; i < 100 && (await state()).orders[0]?.callbacksSent !== 3; i++) await new Promise((r) => setTimeout(r, 20));
      expect((await state()).orders[0]?.callbacksSent).toBe(3);
      const forged = JSON.parse(rx.bodies[0]!.toString()) as Record<string, string>;
      forged.customer_order_no = 'KD-OTHER';
      expect(() => fulu.parseCallback(ctx().creds, asRequest(Buffer.from(JSON.stringify(forged))))).toThrow(/签名不对/);
      expect(() => fulu.parseCallback({ ...ctx().creds, appSecret: 'another' }, asRequest(rx.bodies[0]!))).toThrow(/签名不对/);
      expect(world.rechargesOf(PHONE)).toHaveLength(1);
    } finally {
      await rx.close();
    }
  });

  it('finishes orders on its own timer with a real clock and calls back without being asked', async () => {
    const rx = await receiver();
    const live = await startSandbox({ simulators: [createSupplierSimulator({ world: new MembershipWorld() })] });
    try {
      const control = sandboxControls('supplier', () => live);
      await control.control('setMerchant', { appKey: DEMO.appKey, callbackUrl: rx.url });
      await control.control('setBehaviour', { processingMs: 50, outcomes: { failed_refunded: 1 } });
      const liveCtx = { ...ctx({ endpoint: `${live.url}/supplier` }), now: Date.now };
      await fulu.directAdd(liveCtx, { productId: IQIYI_DIRECT, customerOrderNo: 'KD-LIVE', chargeAccount: PHONE, buyNum: 1 });
      await until(() => rx.bodies.length === 1);
      expect(fulu.parseCallback(liveCtx.creds, asRequest(rx.bodies[0]!)).state).toBe('failed_refunded');
    } finally {
      await live.close();
      await rx.close();
    }
  });
});
