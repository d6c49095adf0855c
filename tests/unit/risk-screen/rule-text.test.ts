import { describe, expect, it } from 'vitest';
import { riskRuleDraft, type RiskCondition } from '../../../src-shared/risk/rules.js';
import { zhCN, type MessageKey } from '../../../src-renderer/src/i18n/zh-CN/index.js';
import { describeCondition, describeWindow } from '../../../src-renderer/src/screens/risk/rules/describe-condition.js';
import { formPathOf, formToDraft, ruleToForm, type RuleFormValues } from '../../../src-renderer/src/screens/risk/rules/rule-form.js';
import { listValueProblem } from '../../../src-renderer/src/screens/risk/lists/list-value.js';

/** The Chinese dictionary with `{name}` filled, as the screen's translate does. */
const t = (key: MessageKey, vars?: Record<string, string | number>) =>
  zhCN[key].replace(/\{(\w+)\}/g, (whole, name: string) => (vars && name in vars ? String(vars[name]) : whole));
const names = { products: new Map([[7, '爱奇艺月卡']]), shops: new Map([[3, '我的试用店铺']]) };

describe('describeCondition: a rule condition in the owner\'s words', () => {
  const cases: [RiskCondition, string][] = [
    [{ field: 'velocity', subject: 'buyer', windowMinutes: 60, op: 'gt', count: 3 }, '同一买家 1 小时内超过 3 单'],
    [{ field: 'velocity', subject: 'ip', windowMinutes: 90, op: 'gte', count: 10 }, '同一 IP 90 分钟内达到 10 单'],
    [{ field: 'velocity', subject: 'device', windowMinutes: 2880, op: 'gt', count: 5 }, '同一设备 2 天内超过 5 单'],
    [{ field: 'amount', op: 'gte', fen: 20_000 }, '金额大于等于 ¥200.00'],
    [{ field: 'quantity', op: 'gt', value: 5 }, '数量大于 5 件'],
    [{ field: 'product', productIds: [7, 99] }, '商品是 爱奇艺月卡、#99'],
    [{ field: 'shop', shopIds: [3] }, '店铺是 我的试用店铺'],
    [{ field: 'platform', platforms: ['taobao', 'doudian', 'pdd', 'site'] }, '平台是 淘宝/天猫、抖店、拼多多 等 4 个'],
    [{ field: 'hour', from: 1, to: 6 }, '付款时间在 01:00–06:00（北京时间）'],
    [{ field: 'hour', from: 22, to: 6 }, '付款时间在 22:00–次日 06:00（北京时间）'],
    [{ field: 'risk_flag', flags: [] }, '平台标记了风险'],
    [{ field: 'risk_flag', flags: ['80000'] }, '平台风控标记含 80000'],
    [{ field: 'new_buyer', value: true }, '新买家（第一次下单）'],
    [{ field: 'list', list: 'black', subject: 'any' }, '任一身份在黑名单'],
    [{ field: 'list', list: 'white', subject: 'phone' }, '手机号在白名单'],
    [{ field: 'text', subject: 'nick', op: 'matches', value: '^刷单' }, '昵称匹配正则 /^刷单/'],
    [{ field: 'text', subject: 'message', op: 'contains', value: '退款' }, '买家留言包含「退款」'],
    [{ field: 'ip', op: 'not_in', cidrs: ['10.0.0.0/8'] }, 'IP 不在 10.0.0.0/8 内'],
    [{ field: 'missing', subject: 'phone' }, '缺少手机号'],
  ];
  it.each(cases)('%j → %s', (condition, text) => {
    expect(describeCondition(condition, t, names)).toBe(text);
  });

  it('says a window in the largest whole unit', () => {
    expect([1, 60, 61, 1440, 4320].map((m) => describeWindow(t, m))).toEqual(['1 分钟', '1 小时', '61 分钟', '1 天', '3 天']);
  });
});

describe('rule form ↔ the contract\'s draft', () => {
  const values: RuleFormValues = {
    name: ' 深夜大额 ', action: 'delay', delayMinutes: 15, score: 20, mode: 'observe', enabled: true, note: '',
    conditions: [{ field: 'amount', op: 'gte', yuan: '199.99' }, { field: 'ip', op: 'in', cidrs: [' 10.0.0.0/8 ', ''] }, { field: 'hour', from: 22, to: 6 }],
  };

  it('turns 元 into 分 without float error, trims text and drops empty ranges; the core accepts the result', () => {
    const draft = formToDraft(values);
    expect(draft).toEqual({
      name: '深夜大额', enabled: true, mode: 'observe', action: 'delay', delayMinutes: 15, score: 20,
      conditions: [{ field: 'amount', op: 'gte', fen: 19_999 }, { field: 'ip', op: 'in', cidrs: ['10.0.0.0/8'] }, { field: 'hour', from: 22, to: 6 }],
    });
    expect(riskRuleDraft.safeParse(draft).success).toBe(true);
  });

  it('keeps no delay for an action that is not a delay', () => {
    expect(formToDraft({ ...values, action: 'review' })).not.toHaveProperty('delayMinutes');
  });

  it('reads a saved rule back with the amount in 元', () => {
    const back = ruleToForm({ id: 1, position: 1, builtIn: false, updatedAt: 0, ...riskRuleDraft.parse(formToDraft(values)) });
    expect(back.conditions[0]).toEqual({ field: 'amount', op: 'gte', yuan: '199.99' });
  });

  it('puts the core\'s field problems on the field the owner typed in', () => {
    expect(formPathOf('rule.conditions.1.cidrs.0')).toEqual(['conditions', 1, 'cidrs']);
    expect(formPathOf('rule.conditions.0.fen')).toEqual(['conditions', 0, 'yuan']);
    expect(formPathOf('rule.conditions.2.value')).toEqual(['conditions', 2, 'value']);
    expect(formPathOf('rule.delayMinutes')).toEqual(['delayMinutes']);
    expect(formPathOf('rule.name')).toEqual(['name']);
    expect(formPathOf('rule.conditions')).toBeUndefined();
    expect(formPathOf('days')).toBeUndefined();
  });

  it('shows in the browser the same reason the core gives for a bad regex or range', () => {
    const core = riskRuleDraft.safeParse({ name: 'x', action: 'review', conditions: [{ field: 'text', subject: 'nick', op: 'matches', value: '刷单(' }, { field: 'ip', op: 'in', cidrs: ['10.0.0.0/33'] }] });
    expect(core.success).toBe(false);
    const messages = core.error!.issues.map((i) => i.message);
    expect(messages[0]).toMatch(/^第 1 个条件：正则表达式无效/);
    expect(messages[1]).toBe('第 2 个条件：「10.0.0.0/33」的掩码位数应在 0–32 之间');
    expect(listValueProblem(t, 'ip', '10.0.0.0/33')).toBe('「10.0.0.0/33」的掩码位数应在 0–32 之间');
    expect(listValueProblem(t, 'ip', '10.0.0.0/8')).toBeUndefined();
    expect(listValueProblem(t, 'email', 'no-at-sign')).toBe('「no-at-sign」不是有效的邮箱地址');
    expect(listValueProblem(t, 'buyer', '  ')).toBe('请填写内容');
  });
});
