// 风控规则 through core.call: shipped defaults, edits audited, bad rules refused with nothing saved.
import { describe, expect, it } from 'vitest';
import { expectOk, unlockedCore } from '../../helpers/core.js';
import { audits } from './desk.js';
import type { RiskRule, RiskSettings } from '../../../src-shared/contract/index.js';

const SHIPPED = ['白名单放行', '黑名单拦截', '平台风控标记', '同一买家 1 小时内超过 3 单', '新买家大额订单', '同一 IP 1 小时内超过 10 单'];

async function rulesOf(core: Awaited<ReturnType<typeof unlockedCore>>['core']): Promise<RiskRule[]> {
  return expectOk<{ rules: RiskRule[] }>(await core.call('risk.rules.list', {})).rules;
}

describe('risk rules', () => {
  it('ships the default rules once, in order, with the IP rule observe-only', async () => {
    const { core } = await unlockedCore();
    const rules = await rulesOf(core);
    expect(rules.map((r) => r.name)).toEqual(SHIPPED);
    expect(rules.every((r) => r.builtIn && r.enabled)).toBe(true);
    expect(rules.map((r) => [r.action, r.mode])).toEqual([['allow', 'enforce'], ['block', 'enforce'], ['review', 'enforce'], ['review', 'enforce'], ['delay', 'enforce'], ['review', 'observe']]);
    expect(rules[4]).toMatchObject({ delayMinutes: 10, conditions: [{ field: 'new_buyer', value: true }, { field: 'amount', op: 'gte', fen: 20_000 }] });
    expect(await rulesOf(core)).toHaveLength(6);
    core.close();
  });

  it('saves, edits, reorders and deletes with an audit entry each; restore re-adds only missing shipped rules', async () => {
    const { core } = await unlockedCore();
    const shipped = await rulesOf(core);
    const mine = expectOk<RiskRule>(await core.call('risk.rules.save', { rule: { name: '大额夜单', action: 'verify', score: 40, conditions: [{ field: 'hour', from: 23, to: 6 }, { field: 'amount', op: 'gt', fen: 10_000 }] } }));
    expect(mine).toMatchObject({ position: 7, builtIn: false, enabled: true, mode: 'enforce' });
    const edited = expectOk<RiskRule>(await core.call('risk.rules.save', { id: shipped[3]!.id, rule: { name: '同一买家 1 小时内超过 5 单', action: 'review', conditions: [{ field: 'velocity', subject: 'buyer', windowMinutes: 60, op: 'gt', count: 5 }] } }));
    expect(edited).toMatchObject({ builtIn: true, name: '同一买家 1 小时内超过 5 单' });
    const order = [mine.id, ...shipped.map((r) => r.id)];
    expect((expectOk<{ rules: RiskRule[] }>(await core.call('risk.rules.reorder', { ids: order }))).rules.map((r) => r.id)).toEqual(order);
    const partial = await core.call('risk.rules.reorder', { ids: order.slice(1) });
    expect(partial).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '规则列表已变化，请刷新后重新排序' } });
    expectOk(await core.call('risk.rules.delete', { id: shipped[0]!.id }));
    expectOk(await core.call('risk.rules.delete', { id: shipped[2]!.id }));
    const restored = expectOk<{ rules: RiskRule[] }>(await core.call('risk.rules.restoreDefaults', {})).rules;
    expect(restored.map((r) => r.name)).toEqual(['白名单放行', '大额夜单', '黑名单拦截', '平台风控标记', '同一买家 1 小时内超过 5 单', '新买家大额订单', '同一 IP 1 小时内超过 10 单']);
    expect(audits(core).map((a) => a.action)).toEqual(['risk.rule.restore', 'risk.rule.save', 'risk.rule.save', 'risk.rule.reorder', 'risk.rule.delete', 'risk.rule.delete', 'risk.rule.restore']);
    expect((await core.call('risk.rules.delete', { id: 9999 }))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    core.close();
  });

  it.each([
    ['an invalid regex', { field: 'text', subject: 'nick', op: 'matches', value: '(abc' }, /^第 2 个条件：正则表达式无效/],
    ['an invalid CIDR', { field: 'ip', op: 'in', cidrs: ['10.0.0.0/8', '10.0.0.300/24'] }, /^第 2 个条件：「10\.0\.0\.300」不是有效的 IP 地址/],
    ['a CIDR with a bad mask', { field: 'ip', op: 'not_in', cidrs: ['2001:db8::/129'] }, /^第 2 个条件：「2001:db8::\/129」的掩码位数应在 0–128 之间/],
  ])('refuses %s, names the condition, and saves nothing (new or edited)', async (_what, bad, message) => {
    const { core } = await unlockedCore();
    const before = await rulesOf(core);
    const auditsBefore = audits(core).length;
    const draft = { name: '坏规则', action: 'block', conditions: [{ field: 'amount', op: 'gt', fen: 0 }, bad] };
    for (const input of [{ rule: draft }, { id: before[1]!.id, rule: draft }]) {
      const out = await core.call('risk.rules.save', input);
      expect(out.ok).toBe(false);
      if (out.ok) continue;
      expect(out.error.code).toBe('INVALID_INPUT');
      const issues = (out.error.details as { issues: { field: string; message: string }[] }).issues;
      expect(issues[0]!.message).toMatch(message);
      expect(issues[0]!.field).toMatch(/^rule\.conditions\.1\./);
    }
    expect(await rulesOf(core)).toEqual(before);
    expect(audits(core)).toHaveLength(auditsBefore);
    core.close();
  });

  it('risk settings: defaults, partial update audited, unknown platforms ignored', async () => {
    const { core } = await unlockedCore();
    const initial = expectOk<RiskSettings>(await core.call('risk.settings.get', {}));
    expect(initial).toMatchObject({ otpTtlMinutes: 10, otpMaxAttempts: 5, otpMaxSends: 3, alertBeforeMinutes: 60, autoBlacklistRefundAfterRedeem: true,
      shipDeadlineHours: { taobao: 24, pdd: 24, doudian: 24, youzan: 48, weidian: 48, site: 72 } });
    const next = expectOk<RiskSettings>(await core.call('risk.settings.update', { shipDeadlineHours: { site: 48, mars: 5 }, autoBlacklistRefundAfterRedeem: false }));
    expect(next.shipDeadlineHours).toEqual({ taobao: 24, pdd: 24, doudian: 24, youzan: 48, weidian: 48, site: 48 });
    expect(next.autoBlacklistRefundAfterRedeem).toBe(false);
    expect(audits(core).map((a) => a.action)).toContain('risk.settings.update');
    expect(await core.call('risk.settings.update', { alertBeforeMinutes: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    core.close();
  });
});
