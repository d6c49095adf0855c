// What ends a hold: the clock (a delay), the owner (approve / reject / blacklist), another screen (立即发货),
// and the alert before the platform's shipping deadline.
import { describe, expect, it } from 'vitest';
import { expectOk } from '../../helpers/core.js';
import { keyCount } from '../../helpers/inventory.js';
import { lineStatuses } from '../../helpers/fake-platform.js';
import { openRiskDesk, audits, MINUTE, type RiskDesk } from './desk.js';
import type { RiskHoldView } from '../../../src-shared/contract/index.js';

const HOUR = 60 * MINUTE;

/** A new buyer paying ≥ ¥200 is delayed 10 minutes by the shipped rules. */
async function delayedOrder(desk: RiskDesk) {
  const id = desk.order('taobao', { nick: `big-${Math.random()}` }, { amountFen: 25_000 }).orderId;
  await desk.sync();
  return desk.line(id);
}

/** Four orders of one buyer: the 4th is held for review. */
async function reviewHold(desk: RiskDesk, platform: 'taobao' | 'pdd' = 'taobao') {
  let last = '';
  for (let i = 0; i < 4; i++) last = desk.order(platform, { nick: 'repeat' }).orderId;
  desk.clock.advance(1);
  await desk.sync();
  // The four share one moment: they count in id order, so only the 4th is held.
  return desk.line(last);
}

describe('risk holds', () => {
  it('a delay releases by itself after its minutes, and is delivered once', async () => {
    const desk = await openRiskDesk();
    const line = await delayedOrder(desk);
    expect(line).toMatchObject({ status: 'held', last_error: '风控：新买家大额订单' });
    const hold = expectOk<{ holds: RiskHoldView[] }>(await desk.core.call('risk.holds.list', {})).holds[0]!;
    expect(hold.releaseAt! - hold.heldAt).toBe(10 * MINUTE);
    expect(hold.decision.until).toBe(hold.releaseAt);
    desk.clock.advance(9 * MINUTE);
    desk.core.services.risk.holds.tick();
    await desk.settle();
    expect(desk.line('TB1').status).toBe('held');
    desk.clock.advance(MINUTE);
    desk.core.services.risk.holds.tick();
    await desk.settle();
    desk.core.services.risk.holds.tick();
    await desk.settle();
    expect(desk.line('TB1').status).toBe('delivered');
    expect(desk.taobao.deliveries).toHaveLength(1);
    const closed = expectOk<{ holds: RiskHoldView[] }>(await desk.core.call('risk.holds.list', { status: 'closed' })).holds;
    expect(closed[0]).toMatchObject({ status: 'released', decidedBy: 'system' });
    expect(audits(desk.core).map((a) => [a.action, a.actor])).toEqual(expect.arrayContaining([['risk.hold', 'system'], ['risk.hold.release', 'system']]));
  });

  it('a delay never ends later than the deadline minus the alert margin', async () => {
    const desk = await openRiskDesk();
    expectOk(await desk.core.call('risk.settings.update', { shipDeadlineHours: { taobao: 1 }, alertBeforeMinutes: 55 }));
    await delayedOrder(desk);
    const hold = expectOk<{ holds: RiskHoldView[] }>(await desk.core.call('risk.holds.list', {})).holds[0]!;
    expect(hold.deadlineAt).toBe(hold.paidAt! + HOUR);
    expect(hold.releaseAt).toBe(hold.deadlineAt - 55 * MINUTE);
    desk.clock.advance(5 * MINUTE);
    desk.core.services.risk.holds.tick();
    await desk.settle();
    expect(desk.line('TB1').status).toBe('delivered');
    expect(desk.notices.filter((n) => n.kind === 'hold_deadline')).toEqual([]);
  });

  it('a review hold alerts once before the deadline, and only while it is open', async () => {
    const desk = await openRiskDesk();
    const line = await reviewHold(desk);
    expect(line.status).toBe('held');
    desk.clock.advance(22 * HOUR);
    desk.core.services.risk.holds.tick();
    expect(desk.notices.filter((n) => n.kind === 'hold_deadline')).toEqual([]);
    desk.clock.advance(HOUR + MINUTE);
    desk.core.services.risk.holds.tick();
    desk.core.services.risk.holds.tick();
    const alerts = desk.notices.filter((n) => n.kind === 'hold_deadline');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message).toMatch(/订单 TB4 还在风控待处理/);
    const holds = expectOk<{ holds: RiskHoldView[] }>(await desk.core.call('risk.holds.list', {})).holds;
    expect(holds.every((h) => h.alertedAt !== null)).toBe(true);
  });

  it('approve delivers exactly once; a second approve and 立即发货 are refused', async () => {
    const desk = await openRiskDesk();
    const line = await reviewHold(desk);
    const approved = expectOk<RiskHoldView>(await desk.core.call('risk.holds.approve', { lineId: line.id, note: '老客户' }));
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'owner', note: '老客户' });
    await desk.settle();
    expect(desk.line('TB4').status).toBe('delivered');
    expect(desk.taobao.deliveredTo('TB4')).toHaveLength(1);
    const again = await desk.core.call('risk.holds.approve', { lineId: line.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '这一单已经处理过了（已放行）' } });
    expect((await desk.core.call('orders.deliverNow', { lineId: line.id })).ok).toBe(false);
    await desk.settle();
    expect(desk.taobao.deliveredTo('TB4')).toHaveLength(1);
    expect(audits(desk.core).filter((a) => a.action === 'risk.hold.approve')).toMatchObject([{ actor: 'owner', objectId: String(line.id), summary: { reason: '老客户' } }]);
    // Dispatched again later (e.g. stock), an approved line is not held again.
    expect(desk.core.services.risk.hook({ orderId: 0, shopId: desk.shopA, platform: 'taobao', platformOrderId: 'TB4', lineId: line.id, productId: desk.productId, quantity: 1, amountFen: 1990, paidAt: desk.clock.now(), buyerIndex: null, riskFlags: [] }).action).toBe('allow');
  });

  it('reject cancels the line, keeps its keys in stock and is audited', async () => {
    const desk = await openRiskDesk({ keys: 10 });
    const line = await reviewHold(desk);
    const before = keyCount(desk.core, "status = 'available'");
    const rejected = expectOk<RiskHoldView>(await desk.core.call('risk.holds.reject', { lineId: line.id, reason: '疑似盗刷' }));
    expect(rejected).toMatchObject({ status: 'rejected', note: '疑似盗刷' });
    expect(desk.line('TB4')).toMatchObject({ status: 'cancelled', last_error: '已取消：风控拒绝：疑似盗刷' });
    expect(keyCount(desk.core, "status = 'available'")).toBe(before);
    expect(keyCount(desk.core, "status = 'reserved'")).toBe(0);
    await desk.settle();
    expect(desk.taobao.deliveredTo('TB4')).toHaveLength(0);
    expect(audits(desk.core, '').map((a) => a.action)).toEqual(expect.arrayContaining(['risk.hold.reject', 'dispatch.cancel']));
    const empty = await desk.core.call('risk.holds.reject', { lineId: line.id, reason: ' ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('blacklist from a hold lists the buyer and rejects; the next order of that buyer is blocked', async () => {
    const desk = await openRiskDesk();
    const line = await reviewHold(desk, 'pdd');
    const out = expectOk<RiskHoldView>(await desk.core.call('risk.holds.blacklist', { lineId: line.id, subjects: ['buyer', 'phone'], reason: '刷单' }));
    expect(out.status).toBe('rejected');
    const entries = expectOk<{ entries: { subject: string; source: string; valueMasked: string }[] }>(await desk.core.call('risk.lists.list', { list: 'black' })).entries;
    expect(entries).toEqual([expect.objectContaining({ subject: 'buyer', source: 'order', valueMasked: 'r**t' })]);
    desk.clock.advance(2 * HOUR);
    const next = desk.order('taobao', { nick: 'Repeat ' }).orderId;
    await desk.sync();
    expect(desk.line(next)).toMatchObject({ status: 'held', last_error: '风控：黑名单拦截' });
  });

  it('a hold released on the orders screen (立即发货) leaves the queue', async () => {
    const desk = await openRiskDesk();
    const line = await reviewHold(desk);
    expectOk(await desk.core.call('orders.deliverNow', { lineId: line.id }));
    await desk.settle();
    expect(desk.line('TB4').status).toBe('delivered');
    const list = expectOk<{ holds: RiskHoldView[]; open: number }>(await desk.core.call('risk.holds.list', {}));
    expect(list.holds.map((h) => h.lineId)).not.toContain(line.id);
    const closed = expectOk<{ holds: RiskHoldView[] }>(await desk.core.call('risk.holds.list', { status: 'closed' })).holds.find((h) => h.lineId === line.id);
    expect(closed).toMatchObject({ status: 'approved', decidedBy: 'system' });
    expect(lineStatuses(desk.core).delivered).toBe(4);
    expect(desk.taobao.deliveredTo('TB4')).toHaveLength(1);
  });

  it('a verify hold opens a challenge; a passed code releases it once, in the same transaction, by the buyer', async () => {
    const desk = await openRiskDesk();
    expectOk(await desk.core.call('risk.rules.save', { rule: { name: '拼多多订单要验证', action: 'verify', conditions: [{ field: 'platform', platforms: ['pdd'] }] } }));
    const id = desk.order('pdd', { nick: 'v' }).orderId;
    await desk.sync();
    const line = desk.line(id);
    expect(line).toMatchObject({ status: 'held', last_error: '风控：拼多多订单要验证' });
    expect(desk.core.services.sqlite.prepare('select line_id from otp_challenges').all()).toEqual([{ line_id: line.id }]);
    const s = desk.core.services;
    s.sqlite.transaction(() => s.risk.holds.onVerified(line.id, 'buyer')).immediate();
    expect(() => s.sqlite.transaction(() => s.risk.holds.onVerified(line.id, 'buyer')).immediate()).toThrow('已经处理过了');
    await desk.settle();
    expect(desk.line(id).status).toBe('delivered');
    expect(desk.pdd.deliveredTo(id)).toHaveLength(1);
    const hold = expectOk<{ holds: RiskHoldView[] }>(await desk.core.call('risk.holds.list', { status: 'closed' })).holds[0]!;
    expect(hold).toMatchObject({ status: 'verified', decidedBy: 'buyer' });
    expect(audits(desk.core).filter((a) => a.action === 'risk.hold.verified').map((a) => a.actor)).toEqual(['buyer']);
  });

  it('the scheduler does nothing while the vault is locked', async () => {
    const desk = await openRiskDesk();
    await delayedOrder(desk);
    desk.core.services.vault.lock();
    desk.clock.advance(11 * MINUTE);
    desk.core.services.risk.holds.tick();
    expect(desk.line('TB1').status).toBe('held');
  });
});
