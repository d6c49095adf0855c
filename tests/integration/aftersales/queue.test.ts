// The problem queue: every kind from a real line state, its count, its fixes, masked keys only, and a
// query shape that stays on the indexes however many lines the shop has.
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import { AfterSales, fixesFor, problemKindOf } from '../../../src-main/core/aftersales/index.js';
import { QUEUE_SELECT, QUEUE_SOURCES } from '../../../src-main/core/aftersales/queue.js';
import { PROBLEM_TITLES, type ProblemKind } from '../../../src-shared/contract/index.js';
import { expectOk } from '../../helpers/core.js';
import { openDesk } from './desk.js';

const SECRETS = ['QUEUE-SECRET-0001', 'QUEUE-SECRET-0002', 'QUEUE-SECRET-0003', 'QUEUE-SECRET-0004', 'QUEUE-SECRET-0005'];

async function everyKind() {
  const d = await openDesk({ keys: SECRETS.join('\n') });
  const sqlite = d.core.services.sqlite;
  const line = (orderId: string) => (sqlite.prepare('select id from order_lines where platform_order_id = ?').get(orderId) as { id: number }).id;
  const lines: Partial<Record<ProblemKind, number>> = {};

  lines.invalid_reported = await d.delivered();
  d.desk.reportInvalid(lines.invalid_reported, '买家说卡密不对');
  lines.refund_after_delivery = await d.delivered();
  const refunded = d.platform.orders.get(sqlite.prepare('select platform_order_id as id from order_lines where id = ?').pluck().get(lines.refund_after_delivery) as string)!;
  d.platform.update(refunded.orderId, { lines: refunded.lines.map((l) => ({ ...l, refund: 'refunded' as const })) });
  lines.unredeemed = await d.delivered();
  sqlite.prepare(`update order_lines set issue = 'unredeemed', issue_note = '发货超过 7 天仍未核销' where id = ?`).run(lines.unredeemed);

  d.platform.failures.push(new ChannelError('give_up', '订单状态不允许发货'));
  lines.delivery_failed = await d.delivered();
  // A status that blocks the buyer outranks an issue on the same line.
  sqlite.prepare(`update order_lines set issue = 'invalid_reported' where id = ?`).run(lines.delivery_failed);
  d.platform.failures.push(new ChannelError('give_up', '充值失败：账号不存在'));
  lines.topup_failed = await d.delivered();
  sqlite.prepare(`insert into topup_attempts (line_id, attempt_no, route, customer_order_no, account_masked, state, error, started_at, updated_at)
      values (?, 1, 'supplier', 'KD-TEST-1', '139****1111', 'failed', '账号不存在', 1, 1)`).run(lines.topup_failed);

  lines.out_of_stock = await d.delivered();
  const unmapped = d.platform.addOrder({ lines: [{ outerId: '', itemId: 'X9', skuId: 'S3' }] }).orderId;
  const held = d.platform.addOrder({ lines: [{ quantity: -2 }] }).orderId;
  const askBuyer = d.platform.addOrder({ lines: [{ outerId: '', itemId: 'DIRECT1' }] }).orderId;
  const paused = d.platform.addOrder({ lines: [{ outerId: '', itemId: 'DIRECT2' }] }).orderId;
  await d.sync();
  lines.unmapped = line(unmapped);
  lines.held = line(held);
  lines.ask_buyer = line(askBuyer);
  lines.topup_paused = line(paused);
  sqlite.prepare(`update order_lines set status = 'ask_buyer', last_error = '买家留言里没有找到有效的手机号' where id = ?`).run(lines.ask_buyer);
  sqlite.prepare(`update order_lines set status = 'topup_paused', recharge_account_masked = '139****2222', last_error = '充值网站要求输入验证码' where id = ?`).run(lines.topup_paused);
  return { d, lines };
}

describe('售后 queue', () => {
  it('lists every kind with its count, message and fixes; keys only masked', async () => {
    const { d, lines } = await everyKind();
    const { problems, counts } = d.desk.queue({ limit: 200 });
    expect(counts).toEqual({
      topup_failed: 1, delivery_failed: 1, topup_paused: 1, ask_buyer: 1, invalid_reported: 1, out_of_stock: 1,
      unmapped: 1, held: 1, refund_after_delivery: 1, topup_disputed: 0, unredeemed: 1,
    });
    const byKind = Object.fromEntries(problems.map((p) => [p.kind, p]));
    for (const [kind, lineId] of Object.entries(lines)) expect(byKind[kind]?.lineId, kind).toBe(lineId);
    expect(problems).toHaveLength(10);

    expect(Object.fromEntries(problems.map((p) => [p.kind, p.actions]))).toEqual({
      invalid_reported: ['replace', 'claim', 'resend', 'record_refund', 'resolve'],
      refund_after_delivery: ['record_refund', 'claim', 'resolve'],
      unredeemed: ['mark_redeemed', 'resolve'],
      delivery_failed: ['resend', 'resolve'],
      topup_failed: ['retry_topup', 'set_account', 'record_refund', 'resolve'],
      out_of_stock: ['resolve'],
      unmapped: ['map'],
      held: ['deliver_now'],
      ask_buyer: ['set_account'],
      topup_paused: ['take_over', 'retry_topup'],
    });
    expect(byKind.invalid_reported).toMatchObject({
      title: '爱奇艺黄金会员月卡', productName: '爱奇艺黄金会员月卡', shopName: '测试淘宝店', platform: 'taobao', status: 'delivered',
      message: '买家说卡密不对', amountFen: 1990, paidAt: expect.any(Number), since: expect.any(Number),
      keys: [{ keyId: expect.any(Number), cardNo: null, secretMasked: 'QUEU****01', status: 'delivered', batchId: expect.any(Number) }],
    });
    expect(byKind.delivery_failed!.message).toBe('订单状态不允许发货');
    expect(byKind.topup_paused).toMatchObject({ accountMasked: '139****2222', message: '充值网站要求输入验证码' });
    expect(byKind.out_of_stock!.message).toMatch(/^缺货：/);
    expect(byKind.unredeemed!.message).toBe('发货超过 7 天仍未核销');
    const text = JSON.stringify(problems);
    for (const secret of SECRETS) expect(text).not.toContain(secret);

    // Newest first; the limit cuts the page, not the counts.
    const paid = problems.map((p) => p.paidAt ?? 0);
    expect([...paid].sort((a, b) => b - a)).toEqual(paid);
    // The same answer through the host boundary (input defaults, output schema).
    expect(expectOk(await d.core.call('aftersales.queue', {}))).toEqual({ problems, counts });

    const page = d.desk.queue({ limit: 3 });
    expect(page.problems.map((p) => p.lineId)).toEqual(problems.slice(0, 3).map((p) => p.lineId));
    expect(page.counts).toEqual(counts);
  });

  it('filters by kind and searches by order number or title; offers 查询核销 only where a check can run', async () => {
    const { d, lines } = await everyKind();
    expect(d.desk.queue({ kind: 'unmapped', limit: 50 }).problems.map((p) => p.lineId)).toEqual([lines.unmapped]);
    expect(d.desk.queue({ kind: 'topup_disputed', limit: 50 }).problems).toEqual([]);
    const orderNo = d.core.services.sqlite.prepare('select platform_order_id from order_lines where id = ?').pluck().get(lines.held) as string;
    const found = d.desk.queue({ search: orderNo, limit: 50 });
    expect(found.problems.map((p) => p.lineId)).toEqual([lines.held]);
    expect(found.counts.held).toBe(1);
    expect(found.counts.unmapped).toBe(0);
    expect(d.desk.queue({ search: '100%_', limit: 50 }).problems).toEqual([]);

    const s = d.core.services;
    const checking = new AfterSales({ sqlite: s.sqlite, vault: s.vault, clock: s.clock, appendAudit: s.appendAudit, kickOutbox: () => undefined, checkable: (id) => id === d.productId });
    const actions = Object.fromEntries(checking.queue({ limit: 50 }).problems.map((p) => [p.kind, p.actions]));
    expect(actions.invalid_reported).toEqual(['replace', 'check_redemption', 'claim', 'resend', 'record_refund', 'resolve']);
    expect(actions.unredeemed).toEqual(['check_redemption', 'mark_redeemed', 'resolve']);
  });

  it('reads each kind through order_lines_status or order_lines_issue, never a scan of all lines', async () => {
    const d = await openDesk();
    for (const source of QUEUE_SOURCES) {
      const plan = (d.core.services.sqlite.prepare(`explain query plan ${QUEUE_SELECT} where ${source.where} order by l.paid_at desc, l.id desc limit 10`).all() as { detail: string }[]).map((r) => r.detail);
      const lines = plan.find((p) => / l\b/.test(p) && /^(SCAN|SEARCH) l\b/.test(p));
      expect(lines, `${source.kind}: ${plan.join(' | ')}`).toMatch(/^SEARCH l USING INDEX order_lines_(status|issue) /);
    }
  });

  it('kind and fix rules (pure)', () => {
    const kind = (status: string, issue: Parameters<typeof problemKindOf>[0]['issue'] = null, hasTopup = false) => problemKindOf({ status, issue, hasTopup });
    expect(kind('failed')).toBe('delivery_failed');
    expect(kind('failed', null, true)).toBe('topup_failed');
    expect(kind('failed', 'invalid_reported')).toBe('delivery_failed');
    expect(kind('after_sales')).toBe('refund_after_delivery');
    expect(kind('after_sales', 'invalid_reported')).toBe('invalid_reported');
    expect(kind('delivered', 'topup_disputed')).toBe('topup_disputed');
    expect(kind('delivered')).toBeNull();
    expect(kind('reserved')).toBeNull();
    for (const k of Object.keys(PROBLEM_TITLES) as ProblemKind[]) expect(fixesFor(k, { hasKeys: true, checkable: true }).length, k).toBeGreaterThan(0);
    expect(fixesFor('invalid_reported', { hasKeys: false, checkable: true })).toEqual(['record_refund', 'resolve']);
    expect(fixesFor('unredeemed', { hasKeys: true, checkable: false })).toEqual(['mark_redeemed', 'resolve']);
  });
});
