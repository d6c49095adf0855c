// The rule engine in the dispatch path: orders captured from two shops, screened by the shipped rules
// and the owner's own, with what the risk screen shows.
import { describe, expect, it } from 'vitest';
import { expectOk } from '../../helpers/core.js';
import { openRiskDesk, audits, MINUTE } from './desk.js';
import type { RiskHoldView, RiskRule } from '../../../src-shared/contract/index.js';

describe('risk screening at capture', () => {
  it('the 4th order of one buyer within an hour is held with the rule name; the first three deliver', async () => {
    const desk = await openRiskDesk();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      // Same buyer in two shops: the phone ties them together across platforms.
      ids.push(desk.order(i % 2 ? 'pdd' : 'taobao', { nick: `nick${i}`, phone: '138 0000 1234' }).orderId);
      desk.clock.advance(10 * MINUTE);
    }
    await desk.sync();
    expect(ids.slice(0, 3).map((id) => desk.line(id).status)).toEqual(['delivered', 'delivered', 'delivered']);
    const held = desk.line(ids[3]!);
    expect(held.status).toBe('held');
    expect(held.last_error).toBe('风控：同一买家 1 小时内超过 3 单');
    expect(JSON.parse(held.risk!)).toMatchObject({ action: 'review', reasons: ['同一买家 1 小时内超过 3 单'], score: 30 });
    expect(desk.taobao.deliveries.length + desk.pdd.deliveries.length).toBe(3);

    const { holds, open } = expectOk<{ holds: RiskHoldView[]; open: number }>(await desk.core.call('risk.holds.list', {}));
    expect(open).toBe(1);
    expect(holds[0]).toMatchObject({
      lineId: held.id, platform: 'pdd', status: 'open', decision: { action: 'review' },
      signals: { phoneMasked: '138****1234', newBuyer: false, velocity: { buyerHour: 4, buyerDay: 4, ipHour: null, deviceHour: null } },
    });
    expect(holds[0]!.deadlineAt - holds[0]!.paidAt!).toBe(24 * 3_600_000);
    expect(desk.riskChanged).toContain(held.id);
    expect(desk.notices.find((n) => n.kind === 'risk_hold')?.message).toContain('同一买家 1 小时内超过 3 单');
    // One hit per matched rule, the deciding one flagged; an hour later the same buyer is fine again.
    const hits = desk.core.services.sqlite.prepare('select line_id, decided, observed from risk_hits').all();
    expect(hits).toEqual([{ line_id: held.id, decided: 1, observed: 0 }]);
    expect(audits(desk.core).map((a) => a.action)).toContain('risk.hold');
    desk.clock.advance(61 * MINUTE);
    const later = desk.order('taobao', { phone: '13800001234' }).orderId;
    await desk.sync();
    expect(desk.line(later).status).toBe('delivered');
  });

  it('a blacklisted phone blocks that buyer in another shop; the entry counts the hit', async () => {
    const desk = await openRiskDesk();
    const entry = expectOk<{ id: number }>(await desk.core.call('risk.lists.add', { list: 'black', subject: 'phone', value: '+86 139-1111-2222', note: '恶意退款' }));
    const bad = desk.order('pdd', { id: 'u-9', phone: '13911112222', ip: '1.2.3.4' }).orderId;
    const good = desk.order('taobao', { nick: 'someone', phone: '13911112223' }).orderId;
    await desk.sync();
    expect(desk.line(good).status).toBe('delivered');
    expect(desk.line(bad)).toMatchObject({ status: 'held', last_error: '风控：黑名单拦截' });
    expect(desk.pdd.deliveries).toHaveLength(0);
    const hold = expectOk<RiskHoldView>(await desk.core.call('risk.holds.approve', { lineId: desk.line(bad).id })).lineId;
    expect(hold).toBe(desk.line(bad).id);
    const listed = expectOk<{ entries: { id: number; hits: number }[] }>(await desk.core.call('risk.lists.list', { list: 'black' }));
    expect(listed.entries.find((e) => e.id === entry.id)!.hits).toBe(1);
  });

  it('an observe-only rule records a hit but the order is delivered', async () => {
    const desk = await openRiskDesk();
    const rule = expectOk<RiskRule>(await desk.core.call('risk.rules.save', {
      rule: { name: '夜间订单', mode: 'observe', action: 'block', score: 15, conditions: [{ field: 'amount', op: 'gte', fen: 0 }] },
    }));
    const id = desk.order('taobao', { nick: 'night' }).orderId;
    await desk.sync();
    expect(desk.line(id).status).toBe('delivered');
    expect(desk.taobao.deliveredTo(id)).toHaveLength(1);
    expect(desk.core.services.sqlite.prepare('select rule_id, decided, observed, action from risk_hits').all()).toEqual([{ rule_id: rule.id, decided: 0, observed: 1, action: 'block' }]);
    const stats = expectOk<{ rules: { ruleId: number; hits: number; decided: number }[]; screened: number }>(await desk.core.call('risk.stats', { days: 7 }));
    expect(stats.rules.find((r) => r.ruleId === rule.id)).toMatchObject({ hits: 1, decided: 0 });
    expect(stats.screened).toBe(1);
    const timeline = desk.core.services.sqlite.prepare(`select detail from order_events where kind = 'risk'`).get() as { detail: string };
    expect(JSON.parse(timeline.detail)).toMatchObject({ action: 'allow', score: 15, reasons: ['夜间订单（仅观察）'] });
  });

  it('text and CIDR rules read the sealed signals; a whitelist entry lets the buyer through first', async () => {
    const desk = await openRiskDesk();
    expectOk(await desk.core.call('risk.rules.save', {
      rule: { name: '可疑邮箱', action: 'review', conditions: [{ field: 'text', subject: 'email', op: 'matches', value: '@temp-mail\\.' }] },
    }));
    expectOk(await desk.core.call('risk.rules.save', {
      rule: { name: '机房 IP', action: 'block', conditions: [{ field: 'ip', op: 'in', cidrs: ['45.0.0.0/8', '2001:db8::/32'] }] },
    }));
    expectOk(await desk.core.call('risk.lists.add', { list: 'white', subject: 'email', value: 'vip@temp-mail.io' }));
    const mail = desk.order('taobao', { nick: 'a', email: 'X@Temp-Mail.com' }).orderId;
    const v6 = desk.order('taobao', { nick: 'b', ip: '2001:db8::7' }).orderId;
    const vip = desk.order('pdd', { nick: 'c', email: 'vip@temp-mail.io', ip: '45.1.1.1' }).orderId;
    const fine = desk.order('pdd', { nick: 'd', email: 'd@qq.com', ip: '8.8.8.8' }).orderId;
    await desk.sync();
    expect(desk.line(mail)).toMatchObject({ status: 'held', last_error: '风控：可疑邮箱' });
    expect(desk.line(v6)).toMatchObject({ status: 'held', last_error: '风控：机房 IP' });
    expect(desk.line(vip).status).toBe('delivered');
    expect(desk.line(fine).status).toBe('delivered');
  });

  it('signals are stored as blind indexes and sealed values, never in plain text', async () => {
    const desk = await openRiskDesk();
    desk.order('pdd', { id: 'open-1', nick: 'Nick', phone: '13800001234', email: 'a@b.cn', ip: '10.0.0.1', deviceId: 'DEVICE-XYZ-0001' }, { buyerMessage: '留言' });
    await desk.sync();
    const row = desk.core.services.sqlite.prepare('select * from order_signals').get() as Record<string, unknown>;
    expect(row).toMatchObject({ platform: 'pdd', phone_masked: '138****1234', email_masked: 'a***@b.cn', device_masked: 'DEVI****01' });
    expect(row.buyer_key).toEqual(row.phone_index);
    const dump = JSON.stringify(Object.values(row).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v)));
    for (const secret of ['13800001234', 'a@b.cn', '10.0.0.1', 'DEVICE-XYZ-0001', 'open-1', '留言']) expect(dump).not.toContain(secret);
    expect(desk.core.services.risk.signals.open(row as never)).toEqual({ id: 'open-1', nick: 'Nick', phone: '13800001234', email: 'a@b.cn', ip: '10.0.0.1', device: 'DEVICE-XYZ-0001', message: '留言' });
  });
});
