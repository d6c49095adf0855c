// 售后 fixes on a real core: each one changes the line and its keys, writes its ledger entry and its audit
// entry in the same transaction, and refuses bad requests with a Chinese reason without changing anything.
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import { aftersalesMethods } from '../../../src-shared/contract/index.js';
import { openDesk, type Desk } from './desk.js';

function platformLineId(d: Desk, lineId: number): string {
  return (d.core.services.sqlite.prepare('select platform_line_id as id from order_lines where id = ?').get(lineId) as { id: string }).id;
}

function platformOrderId(d: Desk, lineId: number): string {
  return (d.core.services.sqlite.prepare('select platform_order_id as id from order_lines where id = ?').get(lineId) as { id: string }).id;
}

/** Everything a refused fix must leave alone. */
function snapshot(d: Desk, lineId: number) {
  const sqlite = d.core.services.sqlite;
  return {
    line: d.line(lineId),
    keys: d.keysOf(lineId),
    stock: sqlite.prepare('select status, count(*) as n from keys group by status order by status').all(),
    events: d.events(lineId).length,
    audit: (sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n,
    claims: (sqlite.prepare('select count(*) as n from key_claims').get() as { n: number }).n,
  };
}

function expectChainIntact(d: Desk): void {
  expect(d.core.services.audit.verify()).toMatchObject({ ok: true });
}

describe('售后 fixes', () => {
  it('reportInvalid then replace: the old key is voided with the reason, a fresh key goes out, and both steps are in the ledger and the audit log', async () => {
    const d = await openDesk({ keys: 'OLD-KEY-0001\nNEW-KEY-0002' });
    const lineId = await d.delivered();
    const [old] = d.keysOf(lineId);
    expect(d.secretOf(old!.id)).toBe('OLD-KEY-0001');

    expect(d.desk.reportInvalid(lineId, '买家说提示已被使用')).toEqual({ ok: true, message: '已记录买家反馈，这一行已进入售后队列（买家反馈卡密无效）' });
    expect(d.line(lineId)).toMatchObject({ status: 'delivered', issue: 'invalid_reported', issue_note: '买家说提示已被使用' });

    // The platform accepts a new message for the line (a real shop re-sends through its message channel).
    d.platform.shipped.delete(platformLineId(d, lineId));
    const done = d.desk.replace(lineId, '核实后换卡');
    expect(done).toEqual({ ok: true, message: '已作废 1 张卡密并换发新卡密，正在发给买家' });
    await d.core.services.orders.outbox.idle();

    const keys = d.keysOf(lineId);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatchObject({ id: old!.id, status: 'void', void_reason: '换卡：核实后换卡' });
    expect(keys[1]).toMatchObject({ status: 'delivered' });
    expect(d.secretOf(keys[1]!.id)).toBe('NEW-KEY-0002');
    expect(d.line(lineId)).toMatchObject({ status: 'delivered', issue: null });
    const sent = d.platform.deliveredTo(platformOrderId(d, lineId));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.message).toContain('NEW-KEY-0002');
    // A key voided on a line went to a buyer: 库存 → 恢复 must not put it back on sale.
    expect(d.core.services.keyActions.restore([old!.id], '误操作')).toMatchObject({ changed: 0, skipped: 1 });

    expect(d.auditOf(lineId).filter((a) => a.action.startsWith('aftersales.'))).toEqual([
      { action: 'aftersales.reportInvalid', actor: 'owner', summary: expect.objectContaining({ reason: '买家说提示已被使用', order: platformOrderId(d, lineId) }) },
      { action: 'aftersales.replace', actor: 'owner', summary: expect.objectContaining({ reason: '核实后换卡', voided: 1, oldKeyIds: String(old!.id), newKeyIds: String(keys[1]!.id) }) },
    ]);
    expectChainIntact(d);

    const ledger = d.desk.ledger(lineId);
    expect(ledger[0]!.at).toBeGreaterThanOrEqual(ledger.at(-1)!.at);
    expect(ledger.filter((e) => e.action === 'replace')).toEqual([{ at: expect.any(Number), actor: '店主', action: 'replace', text: '作废 1 张卡密并换发新卡密', reason: '核实后换卡' }]);
    expect(ledger.find((e) => e.action === 'reportInvalid')).toMatchObject({ actor: '店主', reason: '买家说提示已被使用' });
    // The steps around it come from the timeline, by the system, in words.
    expect(ledger.filter((e) => e.action === 'delivered').map((e) => e.actor)).toEqual(['系统', '系统']);
    expect(ledger.find((e) => e.action === 'captured')).toMatchObject({ actor: '平台' });

    // Something audited about the line without a timeline step of its own is still in the ledger.
    d.core.services.sqlite.transaction(() => d.core.services.appendAudit({ actor: 'owner', action: 'line.note', objectType: 'order_line', objectId: String(lineId), summary: { reason: '电话沟通过' } })).immediate();
    expect(d.desk.ledger(lineId)[0]).toMatchObject({ actor: '店主', action: 'line.note', text: '操作记录：line.note', reason: '电话沟通过' });

    expect(d.desk.batchQuality(d.productId)).toEqual([
      { batchId: keys[0]!.batch_id, productName: '爱奇艺黄金会员月卡', supplier: '测试供应商', delivered: 2, claims: 0, replaced: 1, claimRate: 0 },
    ]);
  });

  it('replace without stock is refused with the shortage and changes nothing; a batch pinned to another shop does not count', async () => {
    const d = await openDesk({ keys: 'ONLY-KEY-0001' });
    const lineId = await d.delivered();
    const before = snapshot(d, lineId);
    expect(() => d.desk.replace(lineId, '买家反馈无效')).toThrow('库存不足：需要 1 张「爱奇艺黄金会员月卡」，可用 0 张，未做任何更改');
    expect(snapshot(d, lineId)).toEqual(before);

    const { importText } = await import('../../helpers/inventory.js');
    await importText(d.core, d.productId, 'PINNED-KEY-0002');
    d.core.services.sqlite.prepare('update batches set pin_shop_id = 999 where id = (select max(id) from batches)').run();
    const withPinned = snapshot(d, lineId);
    expect(() => d.desk.replace(lineId, '买家反馈无效')).toThrow(/^库存不足：需要 1 张「爱奇艺黄金会员月卡」，可用 1 张（可用的批次已过期，或限定了其他店铺\/活动）/);
    expect(snapshot(d, lineId)).toEqual(withPinned);
  });

  it('replace of chosen keys swaps only those; a key of another line is refused', async () => {
    const d = await openDesk({ keys: 'TWO-KEY-0001\nTWO-KEY-0002\nOTHER-KEY-0003\nSPARE-KEY-0004' });
    const lineId = await d.delivered(2);
    const otherLine = await d.delivered(1);
    const [first, second] = d.keysOf(lineId);
    const [foreign] = d.keysOf(otherLine);
    const before = snapshot(d, lineId);
    expect(() => d.desk.replace(lineId, '换第二张', [foreign!.id])).toThrow(`卡密 #${foreign!.id} 不属于这一行或已作废，不能更换`);
    expect(snapshot(d, lineId)).toEqual(before);

    d.desk.replace(lineId, '只换第二张', [second!.id]);
    await d.core.services.orders.outbox.idle();
    const keys = d.keysOf(lineId);
    expect(keys.map((k) => [k.id, k.status])).toEqual([[first!.id, 'delivered'], [second!.id, 'void'], [expect.any(Number), 'delivered']]);
    expect(d.secretOf(keys[2]!.id)).toBe('SPARE-KEY-0004');
    // A voided key cannot be replaced again.
    expect(() => d.desk.replace(lineId, '再换一次', [second!.id])).toThrow('卡密 TWO-****02 不属于这一行或已作废，不能更换');
  });

  it('resend queues the same keys again (the platform answers "already"); a failed delivery is re-sent; other states are refused', async () => {
    const d = await openDesk({ keys: 'SAME-KEY-0001\nFAIL-KEY-0002' });
    const lineId = await d.delivered();
    const keysBefore = d.keysOf(lineId);
    expect(d.desk.resend(lineId, '买家说没收到')).toEqual({ ok: true, message: '已安排重发同一批卡密（1 张）' });
    await d.core.services.orders.outbox.idle();
    expect(d.keysOf(lineId)).toEqual(keysBefore);
    expect(d.line(lineId)).toMatchObject({ status: 'delivered', attempts: 1 });
    const steps = d.events(lineId).map((e) => e.kind);
    expect(steps.slice(-3)).toEqual(['aftersales', 'sending', 'delivered']);
    expect(d.events(lineId).at(-1)!.detail).toEqual({ result: 'already' });
    expect(d.auditOf(lineId).map((a) => a.action)).toContain('aftersales.resend');

    d.platform.failures.push(new ChannelError('give_up', '订单状态不允许发货'));
    const failed = await d.delivered();
    expect(d.line(failed).status).toBe('failed');
    expect(d.desk.queue({ kind: 'delivery_failed', limit: 10 }).problems.map((p) => [p.lineId, p.actions])).toEqual([[failed, ['resend', 'resolve']]]);
    d.desk.resend(failed, '平台恢复了，重发');
    await d.core.services.orders.outbox.idle();
    expect(d.line(failed).status).toBe('delivered');
    expect(d.platform.deliveredTo(platformOrderId(d, failed))[0]!.message).toContain('FAIL-KEY-0002');

    const waiting = await d.delivered();
    expect(d.line(waiting).status).toBe('out_of_stock');
    const before = snapshot(d, waiting);
    expect(() => d.desk.resend(waiting, '试试')).toThrow('这一行当前状态不能重发');
    expect(snapshot(d, waiting)).toEqual(before);
    expectChainIntact(d);
  });

  it('markRedeemed marks the keys and the line, and clears 长期未核销', async () => {
    const d = await openDesk({ keys: 'USED-KEY-0001' });
    const lineId = await d.delivered();
    d.core.services.sqlite.prepare(`update order_lines set issue = 'unredeemed', issue_note = '发货超过 7 天仍未核销' where id = ?`).run(lineId);
    expect(d.desk.queue({ limit: 10 }).problems[0]).toMatchObject({ kind: 'unredeemed', actions: ['mark_redeemed', 'resolve'] });
    expect(d.desk.markRedeemed(lineId, '买家截图显示已兑换')).toEqual({ ok: true, message: '已标记为已核销' });
    expect(d.line(lineId)).toMatchObject({ issue: null, redeemed_at: expect.any(Number) });
    expect(d.keysOf(lineId)[0]).toMatchObject({ status: 'redeemed', redeemed_at: expect.any(Number) });
    expect(d.desk.queue({ limit: 10 }).problems).toEqual([]);
    expect(() => d.desk.markRedeemed(lineId, '再标一次')).toThrow('这一行已经标记为已核销');
    expect(d.desk.ledger(lineId).find((e) => e.action === 'markRedeemed')).toMatchObject({ text: '店主手动标记已核销（1 张卡密）', reason: '买家截图显示已兑换' });
  });

  it('recordRefund after delivery settles the after-sales line; the amount is checked; a line not yet delivered gives its keys back', async () => {
    const d = await openDesk({ keys: 'REFUND-KEY-0001' });
    const lineId = await d.delivered();
    const order = d.platform.orders.get(platformOrderId(d, lineId))!;
    d.platform.update(order.orderId, { lines: order.lines.map((l) => ({ ...l, refund: 'refunded' as const })) });
    await d.sync();
    expect(d.line(lineId)).toMatchObject({ status: 'after_sales', refund: 'refunded' });
    expect(d.desk.queue({ limit: 10 }).problems[0]).toMatchObject({ kind: 'refund_after_delivery', actions: ['record_refund', 'claim', 'resolve'], amountFen: 1990 });

    const before = snapshot(d, lineId);
    expect(() => d.desk.recordRefund(lineId, 1991, '多退了')).toThrow('退款金额不能超过订单实付 ¥19.90');
    expect(() => d.desk.recordRefund(lineId, 0, '没退钱')).toThrow('退款金额必须大于 0');
    expect(snapshot(d, lineId)).toEqual(before);

    expect(d.desk.recordRefund(lineId, 1990, '买家申请仅退款，已同意')).toEqual({ ok: true, message: '已记录退款 ¥19.90' });
    expect(d.line(lineId)).toMatchObject({ status: 'delivered', refund: 'refunded', issue: null });
    expect(d.desk.queue({ limit: 10 }).counts.refund_after_delivery).toBe(0);
    expect(d.auditOf(lineId).at(-1)).toMatchObject({ action: 'aftersales.recordRefund', summary: expect.objectContaining({ amountFen: 1990, reason: '买家申请仅退款，已同意' }) });
    expect(d.desk.ledger(lineId)[0]).toMatchObject({ action: 'recordRefund', text: '记录退款 ¥19.90', reason: '买家申请仅退款，已同意', actor: '店主' });

    // A delivered line the platform never reported refunded: its keys are marked "delivered, refunded".
    const { importText } = await import('../../helpers/inventory.js');
    await importText(d.core, d.productId, 'REFUND-KEY-0002');
    const plain = await d.delivered();
    d.desk.recordRefund(plain, 500, '部分退款');
    expect(d.keysOf(plain)[0]).toMatchObject({ status: 'delivered', refunded_at: expect.any(Number) });
    expect(d.line(plain)).toMatchObject({ status: 'delivered', refund: 'refunded' });

    // Out of stock: nothing was sent; the line is closed as refunded.
    const waiting = await d.delivered();
    expect(d.line(waiting).status).toBe('out_of_stock');
    d.desk.recordRefund(waiting, 1990, '缺货，全额退款');
    expect(d.line(waiting)).toMatchObject({ status: 'refunded', refund: 'refunded' });
    expectChainIntact(d);
  });

  it('claim files one claim per key, voids it, counts in batch quality, and refuses a second claim of the same key', async () => {
    const d = await openDesk({ keys: 'BAD-KEY-0001\nGOOD-KEY-0002\nSPARE-KEY-0003' });
    const lineId = await d.delivered();
    const good = await d.delivered();
    const [bad] = d.keysOf(lineId);
    expect(d.desk.claim(lineId, [bad!.id], '卡密无法充值')).toEqual({ ok: true, message: '已登记索赔 1 张卡密（计入批次质量）' });
    expect(d.keysOf(lineId)[0]).toMatchObject({ status: 'void', void_reason: '索赔：卡密无法充值' });
    expect(d.core.services.sqlite.prepare('select key_id as keyId, batch_id as batchId, line_id as lineId, reason, state from key_claims').all())
      .toEqual([{ keyId: bad!.id, batchId: bad!.batch_id, lineId, reason: '卡密无法充值', state: 'filed' }]);

    const before = snapshot(d, lineId);
    expect(() => d.desk.claim(lineId, [bad!.id], '再索赔一次')).toThrow('卡密 BAD-****01 已经索赔过，不能重复索赔');
    const foreign = d.keysOf(good)[0]!.id;
    expect(() => d.desk.claim(lineId, [foreign], '别的订单的卡')).toThrow(`卡密 #${foreign} 还没有发出或不属于这一行，不能索赔`);
    expect(snapshot(d, lineId)).toEqual(before);

    // The claimed key still counts as delivered; the other line's key is untouched.
    expect(d.desk.batchQuality()).toEqual([expect.objectContaining({ delivered: 2, claims: 1, replaced: 0, claimRate: 0.5 })]);
    expect(d.keysOf(good)[0]!.status).toBe('delivered');

    // Replace first, then claim the replaced key: it keeps its replacement reason and counts as both.
    d.desk.replace(good, '买家反馈无效');
    const [replaced] = d.keysOf(good);
    d.desk.claim(good, [replaced!.id], '向供应商索赔');
    expect(d.keysOf(good)[0]).toMatchObject({ status: 'void', void_reason: '换卡：买家反馈无效' });
    expect(d.desk.batchQuality()).toEqual([expect.objectContaining({ delivered: 2, claims: 2, replaced: 1, claimRate: 1 })]);
    expectChainIntact(d);
  });

  it('resolve: after-sales → delivered, an issue is cleared, a failed line counts as delivered and keeps its keys out of stock', async () => {
    const d = await openDesk({ keys: 'R-KEY-0001\nR-KEY-0002\nR-KEY-0003' });
    const invalid = await d.delivered();
    d.desk.reportInvalid(invalid, '买家说不能用');
    expect(d.desk.resolve(invalid, '买家重新试了一次，可以用')).toEqual({ ok: true, message: '已处理完毕，已移出售后队列' });
    expect(d.line(invalid)).toMatchObject({ status: 'delivered', issue: null, issue_note: null });

    expect(d.changed).toEqual([invalid, invalid]);

    const quiet = await d.delivered();
    const before = snapshot(d, quiet);
    expect(() => d.desk.resolve(quiet, '没事')).toThrow('这一行没有待处理的售后问题');
    expect(snapshot(d, quiet)).toEqual(before);
    expect(d.changed).toEqual([invalid, invalid]);

    d.platform.failures.push(new ChannelError('give_up', '订单状态不允许发货'));
    const failed = await d.delivered();
    expect(d.keysOf(failed)[0]!.status).toBe('reserved');
    d.desk.resolve(failed, '已在千牛手动发货');
    expect(d.line(failed)).toMatchObject({ status: 'delivered', delivered_at: expect.any(Number), last_error: null });
    expect(d.keysOf(failed)[0]!.status).toBe('delivered');
    expect(d.desk.queue({ limit: 10 }).problems).toEqual([]);
    expect(d.desk.ledger(failed)[0]).toMatchObject({ action: 'resolve', reason: '已在千牛手动发货', actor: '店主' });
  });

  it('the audit entry is part of the fix: when it cannot be written, the fix leaves nothing behind', async () => {
    const d = await openDesk({ keys: 'ATOM-KEY-0001\nATOM-KEY-0002', failAudit: 'aftersales.replace' });
    const lineId = await d.delivered();
    const before = snapshot(d, lineId);
    expect(() => d.desk.replace(lineId, '买家反馈无效')).toThrow('audit disk full (test)');
    expect(snapshot(d, lineId)).toEqual(before);
    expect(d.events(lineId).some((e) => e.kind === 'aftersales')).toBe(false);
  });

  it('a reason is required: the contract refuses a blank one before the core sees it, and the core refuses it too', async () => {
    const shapes = {
      'aftersales.reportInvalid': { lineId: 1 },
      'aftersales.resend': { lineId: 1 },
      'aftersales.replace': { lineId: 1 },
      'aftersales.markRedeemed': { lineId: 1 },
      'aftersales.recordRefund': { lineId: 1, amountFen: 100 },
      'aftersales.claim': { lineId: 1, keyIds: [1] },
      'aftersales.resolve': { lineId: 1 },
    } as const;
    for (const [name, input] of Object.entries(shapes)) {
      const schema = aftersalesMethods[name as keyof typeof shapes].input;
      expect(schema.safeParse(input).success, `${name} without a reason`).toBe(false);
      const blank = schema.safeParse({ ...input, reason: '   ' });
      expect(blank.success, `${name} with a blank reason`).toBe(false);
      expect(blank.error?.issues[0]?.message).toBe('请填写原因（会记入售后记录）');
      expect(schema.safeParse({ ...input, reason: '买家反馈' }).success, `${name} with a reason`).toBe(true);
    }
    expect(aftersalesMethods['aftersales.claim'].input.safeParse({ lineId: 1, keyIds: [], reason: '坏卡' }).error?.issues[0]?.message).toBe('请选择要索赔的卡密');
    expect(aftersalesMethods['aftersales.recordRefund'].input.safeParse({ lineId: 1, amountFen: -1, reason: '退款' }).success).toBe(false);

    const d = await openDesk({ keys: 'REASON-KEY-0001' });
    const lineId = await d.delivered();
    expect(() => d.desk.reportInvalid(lineId, '  ')).toThrow('请填写原因（会记入售后记录）');
    // Through the host boundary: refused with the field named, nothing written.
    const refused = await d.core.call('aftersales.replace', { lineId, reason: '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [expect.objectContaining({ field: 'reason' })] } } });
    expect(d.line(lineId).issue).toBeNull();
    expect(d.keysOf(lineId)[0]!.status).toBe('delivered');
  });
});
