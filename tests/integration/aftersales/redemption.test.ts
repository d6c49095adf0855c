// 核销 sync on a real core: a fake supplier adapter with cardStatus and a fake RPA runner answer for the
// cards; what changes is read back from the database, the ledger and the audit log.
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import { createHttpClient } from '../../../src-main/core/channels/http.js';
import { AfterSales } from '../../../src-main/core/aftersales/index.js';
import { INVALID_NOTE, Redemption, type RedemptionDeps, type RunFlow } from '../../../src-main/core/redemption/index.js';
import { videoPortalCardStatus } from '../../../src-main/core/rpa/flows/index.js';
import type { RpaJob, RpaResult } from '../../../src-main/core/rpa/types.js';
import { PortalAccounts } from '../../../src-main/core/topup/portals.js';
import { Suppliers } from '../../../src-main/core/topup/suppliers/suppliers.js';
import type { SupplierAdapter } from '../../../src-main/core/topup/suppliers/types.js';
import { importText } from '../../helpers/inventory.js';
import { openDesk, type Desk } from './desk.js';

type Answer = { status: 'unused' | 'redeemed' | 'invalid'; redeemedAt: number | null };

/** A supplier whose card-status query answers from a table the test fills; unknown cards are refused like 福禄 does. */
class FakeSupplier {
  answers = new Map<string, Answer>();
  calls: { productId: string; secret: string }[] = [];
  failure: ChannelError | undefined;
  fallback: Answer | undefined;

  adapter(withStatus = true): SupplierAdapter {
    const refuse = async (): Promise<never> => {
      throw new ChannelError('give_up', '测试供应商不卖这个');
    };
    const adapter: SupplierAdapter = {
      kind: 'fulu', title: '测试供应商接口', defaultEndpoint: 'http://supplier.invalid', credentialFields: [],
      balance: async () => ({ balanceFen: 100_000, name: '测试账户' }),
      goods: refuse, directAdd: refuse, cardAdd: refuse, orderInfo: refuse,
      parseCallback: () => {
        throw new ChannelError('bad_request', '测试');
      },
      callbackAck: () => ({ status: 200, contentType: 'text/plain', body: 'success' }),
    };
    if (withStatus) {
      adapter.cardStatus = async (_ctx, input) => {
        this.calls.push({ productId: input.productId, secret: input.secret });
        if (this.failure) throw this.failure;
        const answer = this.answers.get(input.secret) ?? this.fallback;
        if (!answer) throw new ChannelError('give_up', '查不到这张卡密');
        return answer;
      };
    }
    return adapter;
  }
}

interface Setup {
  d: Desk;
  fake: FakeSupplier;
  redemption: Redemption;
  notices: string[];
  changed: number[];
  supply: (values: { checkBefore?: boolean; remindDays?: number | null }) => void;
}

async function setup(options: { keys: string; send?: boolean; withStatus?: boolean; route?: 'supplier' | 'rpa' | 'none'; runFlow?: RunFlow; hasBrowser?: () => boolean } = { keys: '' }): Promise<Setup> {
  const fake = new FakeSupplier();
  const adapter = fake.adapter(options.withStatus ?? true);
  // The core's own wiring (the outbox's pre-send check) talks to the same fake, never to a real gateway.
  const d = await openDesk({ keys: options.keys, send: options.send ?? true, supplierAdapters: { fulu: adapter } });
  const s = d.core.services;
  const suppliers = new Suppliers(s, { fulu: adapter }, createHttpClient());
  const supplier = await suppliers.add({ name: '测试供应商', credentials: { appKey: 'app-key-1234', appSecret: 'app-secret-5678' } });
  const portals = new PortalAccounts(s);
  const portal = portals.add({ name: '视频网站', baseUrl: 'http://portal.invalid', username: 'shop-owner', password: 'pw-123456' });
  const route = options.route ?? 'supplier';
  const supply = (values: { checkBefore?: boolean; remindDays?: number | null }): void => {
    if (route === 'none') return;
    d.core.services.redemption.forget();
    s.sqlite.prepare(`insert into product_supply (product_id, route, supplier_id, supplier_product_id, portal_account_id, check_before_delivery, remind_after_days, updated_at)
        values (?, ?, ?, ?, ?, ?, ?, 0) on conflict (product_id) do update set check_before_delivery = excluded.check_before_delivery, remind_after_days = excluded.remind_after_days`)
      .run(d.productId, route, route === 'supplier' ? supplier.id : null, route === 'supplier' ? 'CARD-1001' : null, route === 'rpa' ? portal.id : null, values.checkBefore ? 1 : 0, values.remindDays ?? null);
    redemption.forget();
  };
  const notices: string[] = [];
  const changed: number[] = [];
  d.core.onEvent((m) => m.event === 'app.notice' && notices.push((m.payload as { message: string }).message));
  const deps: RedemptionDeps = {
    sqlite: s.sqlite, vault: s.vault, clock: s.clock, log: s.log, events: s.events, appendAudit: s.appendAudit, suppliers,
    runFlow: options.runFlow, hasBrowser: options.hasBrowser, cardStatusFlow: videoPortalCardStatus, portalAccount: (id) => portals.account(id), onChanged: (ids) => changed.push(...ids),
  };
  const redemption = new Redemption(deps);
  supply({});
  return { d, fake, redemption, notices, changed, supply };
}

const keyIdOf = (d: Desk, secret: string): number => {
  const row = d.core.services.sqlite.prepare('select id from keys').all() as { id: number }[];
  return row.map((r) => r.id).find((id) => d.secretOf(id) === secret)!;
};

const statusOf = (d: Desk, keyId: number) => d.core.services.sqlite.prepare('select status, void_reason, checked_at, redeemed_at from keys where id = ?').get(keyId) as {
  status: string; void_reason: string | null; checked_at: number | null; redeemed_at: number | null;
};

/** What the outbox does before calling beforeSend: claim the line. */
const claim = (d: Desk, lineId: number) => d.core.services.sqlite.prepare(`update order_lines set status = 'sending', attempts = attempts + 1 where id = ?`).run(lineId);

describe('核销 sync', () => {
  it('checkNow: redeemed keys (and whole lines) become 已核销, an invalid delivered key raises the issue once, every answered key is stamped', async () => {
    const { d, fake, redemption, changed } = await setup({ keys: 'RD-KEY-0001\nRD-KEY-0002\nRD-KEY-0003\nRD-KEY-0004' });
    const whole = await d.delivered(1);
    const half = await d.delivered(2);
    const bad = await d.delivered(1);
    const usedAt = Date.parse('2025-06-01T10:00:00+08:00');
    fake.answers.set('RD-KEY-0001', { status: 'redeemed', redeemedAt: usedAt });
    fake.answers.set('RD-KEY-0002', { status: 'redeemed', redeemedAt: null });
    fake.answers.set('RD-KEY-0003', { status: 'unused', redeemedAt: null });
    fake.answers.set('RD-KEY-0004', { status: 'invalid', redeemedAt: null });

    expect(await redemption.checkNow()).toEqual({ checked: 4, redeemed: 2, invalid: 1, message: '检查了 4 张卡密：2 张已核销，1 张无效（已放入售后队列）' });
    expect(fake.calls.map((c) => c.productId)).toEqual(['CARD-1001', 'CARD-1001', 'CARD-1001', 'CARD-1001']);
    expect(statusOf(d, keyIdOf(d, 'RD-KEY-0001'))).toMatchObject({ status: 'redeemed', redeemed_at: usedAt, checked_at: expect.any(Number) });
    expect(d.line(whole).redeemed_at).toEqual(expect.any(Number));
    expect(d.keysOf(half).map((k) => k.status)).toEqual(['redeemed', 'delivered']);
    expect(d.line(half).redeemed_at).toBeNull();
    expect(d.line(bad)).toMatchObject({ status: 'delivered', issue: 'invalid_reported', issue_note: INVALID_NOTE });
    expect(d.keysOf(bad)[0]).toMatchObject({ status: 'delivered', checked_at: expect.any(Number) });
    expect(new Set(changed)).toEqual(new Set([whole, half, bad]));

    expect(d.auditOf(whole).map((a) => a.action)).toContain('redemption.redeemed');
    expect(d.auditOf(bad).map((a) => a.action)).toContain('redemption.invalid');
    expect(d.desk.ledger(whole)[0]).toMatchObject({ action: 'redeemed', actor: '系统', text: '核销查询：1 张卡密已被买家使用，整行已核销', reason: null });
    expect(d.core.services.audit.verify()).toMatchObject({ ok: true });

    // Checked again (the owner settles the issue in between): the issue is not raised a second time.
    d.desk.resolve(bad, '买家重新兑换成功');
    expect(await redemption.checkNow()).toMatchObject({ checked: 2, invalid: 1 });
    expect(d.line(bad).issue).toBeNull();
    expect(d.events(bad).filter((e) => e.kind === 'redemption')).toHaveLength(1);

    expect(redemption.summary()).toEqual([{ productId: d.productId, productName: '爱奇艺黄金会员月卡', delivered: 4, redeemed: 2, overdue: 0, lastCheckAt: expect.any(Number) }]);
    // 查询核销 is offered where a check can run.
    const s = d.core.services;
    const desk = new AfterSales({ sqlite: s.sqlite, vault: s.vault, clock: s.clock, appendAudit: s.appendAudit, kickOutbox: () => undefined, checkable: (id) => redemption.checkable(id) });
    d.desk.reportInvalid(half, '第二张不能用');
    expect(desk.queue({ limit: 10 }).problems.find((p) => p.lineId === half)!.actions).toContain('check_redemption');
  });

  it('checkLine answers for one line; a line without delivered keys says so', async () => {
    const { d, fake, redemption } = await setup({ keys: 'LINE-KEY-0001' });
    const lineId = await d.delivered();
    fake.answers.set('LINE-KEY-0001', { status: 'redeemed', redeemedAt: null });
    expect(await redemption.checkLine(lineId)).toEqual({ ok: true, checked: 1, redeemed: 1, invalid: 0, message: '检查了 1 张卡密：1 张已核销' });
    expect(await redemption.checkLine(lineId)).toEqual({ ok: false, checked: 0, redeemed: 0, invalid: 0, message: '这一行没有已发出、未核销的卡密' });
    await expect(redemption.checkLine(999_999)).rejects.toThrow('订单行不存在（编号 999999）');
  });

  it('tick takes at most 50 keys, never-checked first, and leaves keys checked in the last 6 hours alone', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `TICK-KEY-${String(i).padStart(4, '0')}`);
    const { d, fake, redemption } = await setup({ keys: keys.join('\n') });
    fake.fallback = { status: 'unused', redeemedAt: null };
    const lineId = await d.delivered(60);
    expect((await redemption.tick()).checked).toBe(50);
    expect((await redemption.tick()).checked).toBe(10);
    expect((await redemption.tick()).checked).toBe(0);
    expect(fake.calls).toHaveLength(60);
    expect(new Set(fake.calls.map((c) => c.secret)).size).toBe(60);

    const sqlite = d.core.services.sqlite;
    const now = Date.now();
    const ids = d.keysOf(lineId).map((k) => k.id);
    // Ten keys were checked 7 hours ago, the others 8: the 8-hour ones go first.
    sqlite.prepare('update keys set checked_at = ? where id in (select key_id from line_keys where line_id = ?)').run(now - 8 * 3_600_000, lineId);
    const recent = ids.slice(0, 10);
    for (const id of recent) sqlite.prepare('update keys set checked_at = ? where id = ?').run(now - 7 * 3_600_000, id);
    fake.calls = [];
    expect((await redemption.tick()).checked).toBe(50);
    const firstRound = new Set(fake.calls.map((c) => c.secret));
    for (const id of recent) expect(firstRound.has(d.secretOf(id))).toBe(false);
  });

  it('skips what cannot be checked, reports a down supplier, and treats "unknown card" as no news', async () => {
    const none = await setup({ keys: 'SKIP-KEY-0001', route: 'none' });
    const lineId = await none.d.delivered();
    expect(none.redemption.checkable(none.d.productId)).toBe(false);
    expect(await none.redemption.checkNow()).toMatchObject({ checked: 0, message: '没有设置了核销查询方式的商品（在商品里设置供应商或充值网站）' });
    expect(await none.redemption.checkLine(lineId)).toMatchObject({ ok: false, message: '无法查询核销：商品没有设置核销查询方式（在商品里设置供应商或充值网站）' });

    const blind = await setup({ keys: 'SKIP-KEY-0002', withStatus: false });
    await blind.d.delivered();
    expect(blind.redemption.checkable(blind.d.productId)).toBe(false);
    expect(await blind.redemption.checkNow(blind.d.productId)).toMatchObject({ checked: 0, message: '这个商品没有设置核销查询方式（在商品里设置供应商或充值网站）' });

    const { d, fake, redemption } = await setup({ keys: 'DOWN-KEY-0001\nDOWN-KEY-0002' });
    const down = await d.delivered();
    fake.failure = new ChannelError('retry', '供应商超时');
    expect(await redemption.checkNow()).toEqual({ checked: 0, redeemed: 0, invalid: 0, message: '检查了 0 张卡密：0 张已核销，1 张没查成（供应商查询失败：供应商超时）' });
    expect(d.keysOf(down)[0]).toMatchObject({ status: 'delivered', checked_at: expect.any(Number) });
    expect(d.core.services.sqlite.prepare('select last_error from suppliers').pluck().get()).toBe('供应商超时');

    fake.failure = undefined;
    const unknown = await d.delivered();
    expect(await redemption.checkLine(unknown)).toMatchObject({ ok: true, checked: 1, redeemed: 0, invalid: 0, message: '检查了 1 张卡密：0 张已核销，1 张上游查不到' });
    expect(d.line(unknown).issue).toBeNull();
    expect(d.keysOf(unknown)[0]!.status).toBe('delivered');
  });

  it('the portal route runs the card-status flow through the RPA engine; without a browser it is skipped', async () => {
    const jobs: { flow: string; account: string; secret: string }[] = [];
    const runFlow: RunFlow = async <I, S, O>(job: RpaJob<I, S, O>): Promise<RpaResult<O>> => {
      const secret = (job.input as { secret: string }).secret;
      jobs.push({ flow: job.flow.name, account: job.account.username, secret });
      return { status: 'done', output: { status: secret.endsWith('1') ? 'redeemed' : 'unused', redeemedAt: null } as O, evidence: { dir: '', items: [], trace: null, log: [] }, attempts: 1 };
    };
    const { d, redemption } = await setup({ keys: 'RPA-KEY-0001\nRPA-KEY-0002', route: 'rpa', runFlow });
    const lineId = await d.delivered(2);
    expect(await redemption.checkLine(lineId)).toMatchObject({ ok: true, checked: 2, redeemed: 1 });
    expect(jobs).toEqual([
      { flow: 'video-portal-card-status', account: 'shop-owner', secret: 'RPA-KEY-0001' },
      { flow: 'video-portal-card-status', account: 'shop-owner', secret: 'RPA-KEY-0002' },
    ]);

    for (const noBrowser of [{}, { runFlow, hasBrowser: () => false }]) {
      const headless = await setup({ keys: 'RPA-KEY-0003', route: 'rpa', ...noBrowser });
      const other = await headless.d.delivered();
      expect(headless.redemption.checkable(headless.d.productId)).toBe(false);
      expect(await headless.redemption.checkLine(other)).toMatchObject({ ok: false, message: '无法查询核销：没有可用的浏览器，无法到充值网站查询' });
    }
    expect(jobs).toHaveLength(2);
  });

  it('remind puts lines unredeemed past the product\'s reminder into the queue once, with one notice', async () => {
    const { d, redemption, notices, supply } = await setup({ keys: 'OLD-KEY-0001\nNEW-KEY-0002' });
    supply({ remindDays: 7 });
    const old = await d.delivered();
    const fresh = await d.delivered();
    const eightDaysAgo = Date.now() - 8 * 86_400_000;
    d.core.services.sqlite.prepare('update order_lines set paid_at = ?, delivered_at = ? where id = ?').run(eightDaysAgo, eightDaysAgo, old);
    expect(redemption.summary()[0]).toMatchObject({ delivered: 2, overdue: 1, lastCheckAt: null });

    expect(redemption.remind()).toEqual({ reminded: 1 });
    expect(d.line(old)).toMatchObject({ issue: 'unredeemed', issue_note: '发货超过 7 天仍未核销，可联系买家确认是否收到、能否使用' });
    expect(d.line(fresh).issue).toBeNull();
    expect(notices.filter((n) => n.includes('长期未核销'))).toHaveLength(1);
    expect(d.desk.queue({ kind: 'unredeemed', limit: 10 }).problems.map((p) => p.lineId)).toEqual([old]);
    expect(d.auditOf(old).map((a) => a.action)).toContain('redemption.remind');

    expect(redemption.remind()).toEqual({ reminded: 0 });
    d.desk.resolve(old, '买家说下个月再用');
    expect(redemption.remind()).toEqual({ reminded: 0 });
    expect(notices.filter((n) => n.includes('长期未核销'))).toHaveLength(1);
    d.desk.markRedeemed(old, '买家已使用');
    expect(redemption.summary()[0]).toMatchObject({ delivered: 2, redeemed: 1, overdue: 0 });
  });
});

describe('发货前检查', () => {
  it('swaps a used key for a fresh one, checks the fresh one too, and the line goes out with a good key', async () => {
    const { d, fake, redemption, supply } = await setup({ keys: 'PD-KEY-0001\nPD-KEY-0002\nPD-KEY-0003', send: false });
    supply({ checkBefore: true });
    fake.answers.set('PD-KEY-0001', { status: 'redeemed', redeemedAt: null });
    fake.answers.set('PD-KEY-0002', { status: 'invalid', redeemedAt: null });
    fake.answers.set('PD-KEY-0003', { status: 'unused', redeemedAt: null });
    const lineId = await d.delivered();
    expect(d.line(lineId).status).toBe('reserved');
    claim(d, lineId);

    expect(await redemption.beforeSend(lineId)).toBe('replaced');
    expect(fake.calls.map((c) => c.secret)).toEqual(['PD-KEY-0001', 'PD-KEY-0002', 'PD-KEY-0003']);
    expect(d.keysOf(lineId).map((k) => [d.secretOf(k.id), k.status, k.void_reason])).toEqual([
      ['PD-KEY-0001', 'void', '发货前检查：卡密已被使用'],
      ['PD-KEY-0002', 'void', '发货前检查：卡密无效'],
      ['PD-KEY-0003', 'reserved', null],
    ]);
    expect(d.line(lineId).status).toBe('sending');
    expect(d.auditOf(lineId).filter((a) => a.action === 'redemption.preDeliveryReplace')).toHaveLength(2);
    expect(d.desk.ledger(lineId).filter((e) => e.action === 'preDeliveryReplace')[0]).toMatchObject({ actor: '系统', text: '发货前检查：1 张卡密已被使用或无效，已作废并换成新卡密' });
    expect(d.desk.batchQuality()).toEqual([expect.objectContaining({ replaced: 2, delivered: 0 })]);

    // The outbox sends the line as it now stands.
    d.core.services.sqlite.prepare(`update order_lines set status = 'reserved' where id = ?`).run(lineId);
    await d.core.services.orders.start();
    await d.core.services.orders.outbox.idle();
    expect(d.line(lineId).status).toBe('delivered');
    expect(d.platform.deliveries[0]!.message).toContain('PD-KEY-0003');
  });

  it('no fresh key left: dead keys voided, the rest back to stock, the line waits for stock and goes out when it arrives', async () => {
    const { d, fake, redemption, supply, notices } = await setup({ keys: 'PD-A-0001\nPD-A-0002', send: false });
    supply({ checkBefore: true });
    fake.answers.set('PD-A-0001', { status: 'redeemed', redeemedAt: null });
    fake.answers.set('PD-A-0002', { status: 'unused', redeemedAt: null });
    const lineId = await d.delivered(2);
    claim(d, lineId);

    expect(await redemption.beforeSend(lineId)).toBe('out_of_stock');
    expect(d.line(lineId)).toMatchObject({ status: 'out_of_stock', attempts: 0 });
    expect(d.line(lineId).last_error).toBe('缺货：发货前检查发现 1 张卡密已被使用或无效（已作废），「爱奇艺黄金会员月卡」可用卡密不足，补货后自动发货');
    const dead = keyIdOf(d, 'PD-A-0001');
    const good = keyIdOf(d, 'PD-A-0002');
    expect(statusOf(d, dead)).toMatchObject({ status: 'void', void_reason: '发货前检查：卡密已被使用' });
    expect(statusOf(d, good).status).toBe('available');
    expect(d.keysOf(lineId).map((k) => k.id)).toEqual([dead]);
    expect(d.core.services.sqlite.prepare(`select count(*) from keys where status = 'reserved'`).pluck().get()).toBe(0);
    expect(notices.some((n) => n.includes('库存不足以换新'))).toBe(true);
    expect(d.desk.queue({ kind: 'out_of_stock', limit: 10 }).problems.map((p) => p.lineId)).toEqual([lineId]);

    await importText(d.core, d.productId, 'PD-A-0003');
    expect(d.line(lineId).status).toBe('reserved');
    expect(d.keysOf(lineId).map((k) => [d.secretOf(k.id), k.status])).toEqual([['PD-A-0001', 'void'], ['PD-A-0002', 'reserved'], ['PD-A-0003', 'reserved']]);
  });

  it('through the real outbox: a used key never reaches the buyer, the fresh one does', async () => {
    const { d, fake, supply } = await setup({ keys: 'PD-C-0001\nPD-C-0002', send: false });
    supply({ checkBefore: true });
    fake.answers.set('PD-C-0001', { status: 'redeemed', redeemedAt: null });
    fake.answers.set('PD-C-0002', { status: 'unused', redeemedAt: null });
    await d.core.services.orders.start();
    const lineId = await d.delivered();
    expect(d.line(lineId).status).toBe('delivered');
    expect(d.platform.deliveries).toHaveLength(1);
    expect(d.platform.deliveries[0]!.message).toContain('PD-C-0002');
    expect(d.platform.deliveries[0]!.message).not.toContain('PD-C-0001');
    expect(d.keysOf(lineId).map((k) => [d.secretOf(k.id), k.status])).toEqual([['PD-C-0001', 'void'], ['PD-C-0002', 'delivered']]);
  });

  it('a check that cannot run lets the delivery go ahead; products without the check are not asked at all', async () => {
    const { d, fake, redemption, supply } = await setup({ keys: 'PD-B-0001\nPD-B-0002', send: false });
    const unchecked = await d.delivered();
    claim(d, unchecked);
    expect(await redemption.beforeSend(unchecked)).toBe('ok');
    expect(fake.calls).toEqual([]);

    supply({ checkBefore: true });
    fake.failure = new ChannelError('retry', '供应商超时');
    const lineId = await d.delivered();
    claim(d, lineId);
    expect(await redemption.beforeSend(lineId)).toBe('ok');
    expect(fake.calls).toHaveLength(1);
    expect(d.line(lineId).status).toBe('sending');
    expect(d.keysOf(lineId).map((k) => k.status)).toEqual(['reserved']);
  });
});
