import { describe, expect, it } from 'vitest';
import { compileCondition, compileRule, evaluate, needsOf, velocityKey, OBSERVED_SUFFIX, type RiskFacts } from '../../../src-main/core/risk/engine.js';
import { parseIp } from '../../../src-shared/risk/cidr.js';
import { riskRuleDraft, type RiskCondition } from '../../../src-shared/risk/rules.js';

// 2024-05-01 00:00 Beijing = 2024-04-30 16:00 UTC.
const MIDNIGHT_BJ = Date.UTC(2024, 3, 30, 16);
const H = 3_600_000;

function facts(over: Partial<RiskFacts> = {}): RiskFacts {
  return {
    at: MIDNIGHT_BJ + 14 * H, amountFen: 1990, quantity: 1, productId: 7, shopId: 3, platform: 'taobao', riskFlags: [],
    velocity: new Map(), newBuyer: false, lists: new Set(), present: { phone: true, email: true, ip: true, device: true },
    text: { nick: 'Tb_Buyer_01', phone: '+86 138-0000-1234', email: 'Fraud@Example.com', device: 'DEV-ABC-123', message: '请尽快发货 QQ:12345' },
    ip: parseIp('10.1.2.3'), ...over,
  };
}

const cases: { name: string; c: RiskCondition; yes: Partial<RiskFacts>[]; no: Partial<RiskFacts>[] }[] = [
  { name: 'amount gte', c: { field: 'amount', op: 'gte', fen: 20_000 }, yes: [{ amountFen: 20_000 }, { amountFen: 50_000 }], no: [{ amountFen: 19_999 }] },
  { name: 'amount gt', c: { field: 'amount', op: 'gt', fen: 100 }, yes: [{ amountFen: 101 }], no: [{ amountFen: 100 }] },
  { name: 'amount lt', c: { field: 'amount', op: 'lt', fen: 100 }, yes: [{ amountFen: 99 }], no: [{ amountFen: 100 }] },
  { name: 'amount lte', c: { field: 'amount', op: 'lte', fen: 100 }, yes: [{ amountFen: 100 }], no: [{ amountFen: 101 }] },
  { name: 'amount eq', c: { field: 'amount', op: 'eq', fen: 100 }, yes: [{ amountFen: 100 }], no: [{ amountFen: 101 }, { amountFen: 99 }] },
  { name: 'quantity', c: { field: 'quantity', op: 'gt', value: 5 }, yes: [{ quantity: 6 }], no: [{ quantity: 5 }] },
  { name: 'product', c: { field: 'product', productIds: [7, 9] }, yes: [{ productId: 9 }], no: [{ productId: 8 }, { productId: null }] },
  { name: 'shop', c: { field: 'shop', shopIds: [3] }, yes: [{ shopId: 3 }], no: [{ shopId: 4 }] },
  { name: 'platform', c: { field: 'platform', platforms: ['site', 'pdd'] }, yes: [{ platform: 'site' }], no: [{ platform: 'taobao' }] },
  { name: 'hour day range (Beijing)', c: { field: 'hour', from: 9, to: 18 }, yes: [{ at: MIDNIGHT_BJ + 9 * H }, { at: MIDNIGHT_BJ + 18 * H - 1 }], no: [{ at: MIDNIGHT_BJ + 18 * H }, { at: MIDNIGHT_BJ + 8 * H + 59 * 60_000 }] },
  { name: 'hour wraps midnight', c: { field: 'hour', from: 22, to: 6 }, yes: [{ at: MIDNIGHT_BJ + 23 * H }, { at: MIDNIGHT_BJ }, { at: MIDNIGHT_BJ + 5 * H }], no: [{ at: MIDNIGHT_BJ + 6 * H }, { at: MIDNIGHT_BJ + 12 * H }] },
  { name: 'hour to 24', c: { field: 'hour', from: 20, to: 24 }, yes: [{ at: MIDNIGHT_BJ + 23 * H }], no: [{ at: MIDNIGHT_BJ }] },
  { name: 'risk_flag any', c: { field: 'risk_flag', flags: [] }, yes: [{ riskFlags: ['80000'] }], no: [{ riskFlags: [] }] },
  { name: 'risk_flag specific', c: { field: 'risk_flag', flags: ['80000'] }, yes: [{ riskFlags: ['1', '80000'] }], no: [{ riskFlags: ['90000'] }] },
  {
    name: 'velocity buyer', c: { field: 'velocity', subject: 'buyer', windowMinutes: 60, op: 'gt', count: 3 },
    yes: [{ velocity: new Map([[velocityKey('buyer', 60), 4]]) }],
    no: [{ velocity: new Map([[velocityKey('buyer', 60), 3]]) }, { velocity: new Map([[velocityKey('buyer', 60), null]]) }, { velocity: new Map([[velocityKey('buyer', 30), 9]]) }],
  },
  { name: 'velocity ip', c: { field: 'velocity', subject: 'ip', windowMinutes: 10, op: 'gte', count: 2 }, yes: [{ velocity: new Map([[velocityKey('ip', 10), 2]]) }], no: [{ velocity: new Map([[velocityKey('ip', 10), 1]]) }] },
  { name: 'velocity device', c: { field: 'velocity', subject: 'device', windowMinutes: 1440, op: 'eq', count: 1 }, yes: [{ velocity: new Map([[velocityKey('device', 1440), 1]]) }], no: [{ velocity: new Map() }] },
  { name: 'new buyer', c: { field: 'new_buyer', value: true }, yes: [{ newBuyer: true }], no: [{ newBuyer: false }, { newBuyer: null }] },
  { name: 'returning buyer', c: { field: 'new_buyer', value: false }, yes: [{ newBuyer: false }], no: [{ newBuyer: true }, { newBuyer: null }] },
  { name: 'list black any', c: { field: 'list', list: 'black', subject: 'any' }, yes: [{ lists: new Set(['black:ip']) }, { lists: new Set(['black:buyer']) }], no: [{ lists: new Set(['white:ip']) }, { lists: new Set() }] },
  { name: 'list white phone', c: { field: 'list', list: 'white', subject: 'phone' }, yes: [{ lists: new Set(['white:phone']) }], no: [{ lists: new Set(['white:email', 'black:phone']) }] },
  { name: 'text regex, case-insensitive', c: { field: 'text', subject: 'email', op: 'matches', value: '@example\\.COM$' }, yes: [{}], no: [{ text: { email: 'a@example.net' } }, { text: {} }] },
  { name: 'text regex on phone (normalised)', c: { field: 'text', subject: 'phone', op: 'matches', value: '^138\\d{4}1234$' }, yes: [{}], no: [{ text: { phone: '13900001234' } }] },
  { name: 'text equals nick', c: { field: 'text', subject: 'nick', op: 'equals', value: ' tb_buyer_01 ' }, yes: [{}], no: [{ text: { nick: 'tb_buyer_02' } }] },
  { name: 'text equals phone with +86', c: { field: 'text', subject: 'phone', op: 'equals', value: '13800001234' }, yes: [{}], no: [{ text: { phone: '13800001235' } }] },
  { name: 'text contains message', c: { field: 'text', subject: 'message', op: 'contains', value: 'qq:' }, yes: [{}], no: [{ text: { message: '谢谢' } }, { text: {} }] },
  { name: 'text contains device', c: { field: 'text', subject: 'device', op: 'contains', value: 'abc' }, yes: [{}], no: [{ text: { device: 'XYZ' } }] },
  { name: 'ip in v4 CIDR', c: { field: 'ip', op: 'in', cidrs: ['10.0.0.0/8', '192.168.1.1'] }, yes: [{}, { ip: parseIp('192.168.1.1') }, { ip: parseIp('::ffff:10.9.9.9') }], no: [{ ip: parseIp('11.0.0.1') }, { ip: null }, { ip: parseIp('192.168.1.2') }] },
  { name: 'ip in v6 CIDR', c: { field: 'ip', op: 'in', cidrs: ['2001:db8::/32'] }, yes: [{ ip: parseIp('2001:db8:1::5') }], no: [{ ip: parseIp('2001:db9::1') }, { ip: parseIp('10.0.0.1') }] },
  { name: 'ip not_in', c: { field: 'ip', op: 'not_in', cidrs: ['10.0.0.0/8'] }, yes: [{ ip: parseIp('8.8.8.8') }], no: [{}, { ip: null }] },
  { name: 'missing phone', c: { field: 'missing', subject: 'phone' }, yes: [{ present: { phone: false, email: true, ip: true, device: true } }], no: [{}] },
  { name: 'missing device', c: { field: 'missing', subject: 'device' }, yes: [{ present: { phone: true, email: true, ip: true, device: false } }], no: [{}] },
];

describe('risk engine: every condition type', () => {
  it.each(cases)('$name', ({ c, yes, no }) => {
    const test = compileCondition(c);
    const show = (over: Partial<RiskFacts>) => JSON.stringify(over, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v instanceof Map || v instanceof Set ? [...v] : v));
    for (const over of yes) expect(test(facts(over)), show(over)).toBe(true);
    for (const over of no) expect(test(facts(over)), show(over)).toBe(false);
  });

  it('every condition field has a case', () => {
    const fields = new Set(cases.map((x) => x.c.field));
    expect([...fields].sort()).toEqual(['amount', 'hour', 'ip', 'list', 'missing', 'new_buyer', 'platform', 'product', 'quantity', 'risk_flag', 'shop', 'text', 'velocity']);
  });
});

const rule = (id: number, name: string, over: Partial<Parameters<typeof compileRule>[0]> = {}) =>
  compileRule({ id, name, mode: 'enforce', action: 'review', score: 10, conditions: [{ field: 'amount', op: 'gte', fen: 0 }], ...over });
const never: RiskCondition = { field: 'amount', op: 'lt', fen: 0 };

describe('risk engine: ordering, observe-only, score', () => {
  it('first enforcing match decides; later enforcing rules are not applied', () => {
    const out = evaluate([rule(1, 'A', { conditions: [never] }), rule(2, 'B', { action: 'block', score: 30 }), rule(3, 'C', { action: 'review' })], facts());
    expect(out).toMatchObject({ action: 'block', reasons: ['B'], ruleIds: [2], score: 30 });
    expect(out.matches).toEqual([{ ruleId: 2, action: 'block', decided: true, observed: false }]);
  });

  it('an allow rule decides too: nothing below it holds the order', () => {
    const out = evaluate([rule(1, '白名单放行', { action: 'allow', score: 0 }), rule(2, '黑名单拦截', { action: 'block', score: 100 })], facts());
    expect(out).toMatchObject({ action: 'allow', reasons: ['白名单放行'], score: 0 });
  });

  it('observe-only rules are recorded anywhere in the list but never decide', () => {
    const out = evaluate([rule(1, 'watch', { mode: 'observe', action: 'block', score: 20 }), rule(2, 'hold', { score: 50 }), rule(3, 'watch later', { mode: 'observe', score: 5 })], facts());
    expect(out.action).toBe('review');
    expect(out.reasons).toEqual(['hold', `watch${OBSERVED_SUFFIX}`, `watch later${OBSERVED_SUFFIX}`]);
    expect(out.ruleIds).toEqual([2, 1, 3]);
    expect(out.score).toBe(75);
    expect(out.matches.map((m) => [m.ruleId, m.decided, m.observed])).toEqual([[2, true, false], [1, false, true], [3, false, true]]);
  });

  it('only observe-only matches: allowed, with the observations as reasons', () => {
    const out = evaluate([rule(1, 'watch', { mode: 'observe', action: 'block' })], facts());
    expect(out).toMatchObject({ action: 'allow', reasons: [`watch${OBSERVED_SUFFIX}`] });
  });

  it('score is capped at 100; delay carries its minutes', () => {
    const out = evaluate([rule(1, 'delay', { action: 'delay', delayMinutes: 15, score: 80 }), rule(2, 'o', { mode: 'observe', score: 90 })], facts());
    expect(out).toMatchObject({ action: 'delay', delayMinutes: 15, score: 100 });
  });

  it('all conditions of a rule must hold', () => {
    const r = rule(1, 'new + big', { conditions: [{ field: 'new_buyer', value: true }, { field: 'amount', op: 'gte', fen: 20_000 }] });
    expect(evaluate([r], facts({ newBuyer: true, amountFen: 20_000 })).action).toBe('review');
    expect(evaluate([r], facts({ newBuyer: true, amountFen: 19_999 })).action).toBe('allow');
    expect(evaluate([r], facts({ newBuyer: false, amountFen: 20_000 })).action).toBe('allow');
  });

  it('no rules: allow with score 0', () => {
    expect(evaluate([], facts())).toMatchObject({ action: 'allow', score: 0, reasons: [], ruleIds: [] });
  });
});

describe('risk engine: what the facts need', () => {
  it('collects only what enabled rules use, velocity windows deduplicated', () => {
    const needs = needsOf([
      rule(1, 'a', { conditions: [{ field: 'velocity', subject: 'buyer', windowMinutes: 60, op: 'gt', count: 3 }, { field: 'new_buyer', value: true }] }),
      rule(2, 'b', { conditions: [{ field: 'velocity', subject: 'buyer', windowMinutes: 60, op: 'gt', count: 5 }, { field: 'velocity', subject: 'ip', windowMinutes: 10, op: 'gt', count: 5 }] }),
    ]);
    expect(needs).toEqual({ velocity: [{ subject: 'buyer', windowMinutes: 60 }, { subject: 'ip', windowMinutes: 10 }], newBuyer: true, lists: false, raw: false });
    expect(needsOf([rule(1, 'ip', { conditions: [{ field: 'ip', op: 'in', cidrs: ['1.0.0.0/8'] }, { field: 'list', list: 'black', subject: 'any' }] })]))
      .toEqual({ velocity: [], newBuyer: false, lists: true, raw: true });
  });
});

describe('rule drafts: what zod cannot check', () => {
  const base = { name: 'x', action: 'review' as const };
  it.each([
    [{ field: 'text', subject: 'nick', op: 'matches', value: '([a-z' }, /^第 1 个条件：正则表达式无效/],
    [{ field: 'ip', op: 'in', cidrs: ['10.0.0.0/33'] }, /^第 1 个条件：「10\.0\.0\.0\/33」的掩码位数应在 0–32 之间/],
    [{ field: 'ip', op: 'in', cidrs: ['300.1.1.1'] }, /^第 1 个条件：「300\.1\.1\.1」不是有效的 IP 地址/],
    [{ field: 'hour', from: 5, to: 5 }, /^第 1 个条件：开始和结束时间不能相同/],
  ])('refuses %j', (condition, message) => {
    const r = riskRuleDraft.safeParse({ ...base, conditions: [condition] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(message);
  });

  it('a delay needs its minutes', () => {
    const r = riskRuleDraft.safeParse({ name: 'x', action: 'delay', conditions: [never] });
    expect(r.error!.issues[0]!.message).toContain('延迟多少分钟');
  });
});
