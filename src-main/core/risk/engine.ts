// The rule engine: rules + the facts of one order → a decision. Pure (no database, no clock): the hook,
// the backtest and the tests all feed it facts they computed their own way, and it answers the same.
//
// Rules run in position order. The first ENFORCING rule whose conditions all hold decides the action
// (an `allow` decides too: nothing below it can hold the order). Observe-only rules are evaluated
// everywhere and recorded, but never decide. Score = min(100, sum of matched scores).
import type { PlatformName } from '../../../src-shared/contract/index.js';
import { cidrContains, compilePattern, parseCidr, type CidrRange, type ParsedIp } from '../../../src-shared/risk/cidr.js';
import type { Compare, RiskAction, RiskCondition } from '../../../src-shared/risk/rules.js';
import { normalisePhone } from './identity.js';
import { hourInShanghai } from './shanghai.js';

export type VelocitySubject = 'buyer' | 'ip' | 'device';
export type TextSubject = 'nick' | 'phone' | 'email' | 'device' | 'message';
export type SignalSubject = 'phone' | 'email' | 'ip' | 'device';

export interface RiskFacts {
  /** Paid time (else first seen): the hour of day and the end of every velocity window. */
  at: number;
  amountFen: number;
  quantity: number;
  productId: number | null;
  shopId: number;
  platform: PlatformName;
  riskFlags: readonly string[];
  /** velocityKey(subject, minutes) → orders in (at − window, at], this one included; null = no such identity. */
  velocity: VelocityCounts;
  /** No earlier order by this buyer in any shop; null = the order carries no buyer identity. */
  newBuyer: boolean | null;
  /** `${list}:${subject}` for every unexpired list entry one of the order's identities is on. */
  lists: ReadonlySet<string>;
  present: Readonly<Record<SignalSubject, boolean>>;
  /** Raw text signals; only filled when a rule needs them (FactNeeds.raw). */
  text: Readonly<Partial<Record<TextSubject, string>>>;
  ip: ParsedIp | null;
}

/** A Map, or a lookup that counts on first use (the hook asks the database only for windows a rule reaches). */
export interface VelocityCounts {
  get(key: string): number | null | undefined;
}

export interface FactNeeds {
  velocity: { subject: VelocitySubject; windowMinutes: number }[];
  newBuyer: boolean;
  lists: boolean;
  /** A text or IP condition: the sealed signals must be opened. */
  raw: boolean;
}

export interface RuleInput {
  id: number;
  name: string;
  mode: 'enforce' | 'observe';
  action: RiskAction;
  delayMinutes?: number | null | undefined;
  score: number;
  conditions: readonly RiskCondition[];
}

export interface CompiledRule extends RuleInput {
  test: (facts: RiskFacts) => boolean;
}

export interface RuleMatch {
  ruleId: number;
  action: RiskAction;
  decided: boolean;
  observed: boolean;
}

export interface Evaluation {
  action: RiskAction;
  score: number;
  /** Rule names, the deciding one first; observe-only ones marked. */
  reasons: string[];
  ruleIds: number[];
  delayMinutes: number | null;
  matches: RuleMatch[];
}

export const OBSERVED_SUFFIX = '（仅观察）';

export const velocityKey = (subject: VelocitySubject, windowMinutes: number): string => `${subject}:${windowMinutes}`;

export function compare(op: Compare, a: number, b: number): boolean {
  switch (op) {
    case 'gt': return a > b;
    case 'gte': return a >= b;
    case 'lt': return a < b;
    case 'lte': return a <= b;
    case 'eq': return a === b;
  }
}

/** [from, to) in Beijing hours; from > to wraps midnight (22 → 6 is 22:00–05:59). */
export function inHours(hour: number, from: number, to: number): boolean {
  return from < to ? hour >= from && hour < to : hour >= from || hour < to;
}

const never = (): boolean => false;

function compileText(c: Extract<RiskCondition, { field: 'text' }>): (f: RiskFacts) => boolean {
  const read = (f: RiskFacts): string | undefined => {
    const v = f.text[c.subject];
    return c.subject === 'phone' && v !== undefined ? (normalisePhone(v) ?? v) : v;
  };
  if (c.op === 'matches') {
    const p = compilePattern(c.value);
    if (!p.ok) return never;
    const regex = p.regex;
    return (f) => {
      const v = read(f);
      return v !== undefined && regex.test(v);
    };
  }
  const target = (c.subject === 'phone' ? (normalisePhone(c.value) ?? c.value) : c.value).trim().toLowerCase();
  if (c.op === 'equals') return (f) => read(f)?.trim().toLowerCase() === target;
  return (f) => read(f)?.toLowerCase().includes(target) ?? false;
}

function compileIp(c: Extract<RiskCondition, { field: 'ip' }>): (f: RiskFacts) => boolean {
  const ranges: CidrRange[] = [];
  for (const text of c.cidrs) {
    const r = parseCidr(text);
    if (!r.ok) return never;
    ranges.push(r.range);
  }
  const inside = (ip: ParsedIp): boolean => ranges.some((r) => cidrContains(r, ip));
  return c.op === 'in' ? (f) => f.ip !== null && inside(f.ip) : (f) => f.ip !== null && !inside(f.ip);
}

export function compileCondition(c: RiskCondition): (f: RiskFacts) => boolean {
  switch (c.field) {
    case 'amount': return (f) => compare(c.op, f.amountFen, c.fen);
    case 'quantity': return (f) => compare(c.op, f.quantity, c.value);
    case 'product': {
      const ids = new Set(c.productIds);
      return (f) => f.productId !== null && ids.has(f.productId);
    }
    case 'shop': {
      const ids = new Set(c.shopIds);
      return (f) => ids.has(f.shopId);
    }
    case 'platform': {
      const names = new Set<string>(c.platforms);
      return (f) => names.has(f.platform);
    }
    case 'hour': return (f) => inHours(hourInShanghai(f.at), c.from, c.to);
    case 'risk_flag': {
      const wanted = new Set(c.flags);
      return (f) => (wanted.size === 0 ? f.riskFlags.length > 0 : f.riskFlags.some((flag) => wanted.has(flag)));
    }
    case 'velocity': {
      const key = velocityKey(c.subject, c.windowMinutes);
      return (f) => {
        const n = f.velocity.get(key);
        return n !== undefined && n !== null && compare(c.op, n, c.count);
      };
    }
    case 'new_buyer': return (f) => f.newBuyer !== null && f.newBuyer === c.value;
    case 'list': {
      if (c.subject !== 'any') {
        const key = `${c.list}:${c.subject}`;
        return (f) => f.lists.has(key);
      }
      const prefix = `${c.list}:`;
      return (f) => {
        for (const k of f.lists) if (k.startsWith(prefix)) return true;
        return false;
      };
    }
    case 'text': return compileText(c);
    case 'ip': return compileIp(c);
    case 'missing': return (f) => !f.present[c.subject];
  }
}

/**
 * Cheap conditions first: all must hold, so the order does not change the answer, but a rule that fails
 * on the amount never counts velocity, and one that fails on velocity never opens the sealed signals.
 */
const COST: Record<RiskCondition['field'], number> = {
  amount: 0, quantity: 0, product: 0, shop: 0, platform: 0, hour: 0, risk_flag: 0, missing: 0, new_buyer: 1, velocity: 1, list: 2, text: 3, ip: 3,
};

export function compileRule(rule: RuleInput): CompiledRule {
  const tests = [...rule.conditions].sort((a, b) => COST[a.field] - COST[b.field]).map(compileCondition);
  return { ...rule, test: (f) => tests.every((t) => t(f)) };
}

/** What the enabled rules need computed for an order; everything else is never queried. */
export function needsOf(rules: readonly RuleInput[]): FactNeeds {
  const velocity = new Map<string, { subject: VelocitySubject; windowMinutes: number }>();
  const needs: FactNeeds = { velocity: [], newBuyer: false, lists: false, raw: false };
  for (const rule of rules) {
    for (const c of rule.conditions) {
      if (c.field === 'velocity') velocity.set(velocityKey(c.subject, c.windowMinutes), { subject: c.subject, windowMinutes: c.windowMinutes });
      if (c.field === 'new_buyer') needs.newBuyer = true;
      if (c.field === 'list') needs.lists = true;
      if (c.field === 'text' || c.field === 'ip') needs.raw = true;
    }
  }
  needs.velocity = [...velocity.values()];
  return needs;
}

export function evaluate(rules: readonly CompiledRule[], facts: RiskFacts): Evaluation {
  let decisive: CompiledRule | undefined;
  const observed: CompiledRule[] = [];
  for (const rule of rules) {
    if (rule.mode === 'enforce' && decisive) continue;
    if (!rule.test(facts)) continue;
    if (rule.mode === 'enforce') decisive = rule;
    else observed.push(rule);
  }
  const matched = decisive ? [decisive, ...observed] : observed;
  return {
    action: decisive?.action ?? 'allow',
    score: Math.min(100, matched.reduce((sum, r) => sum + r.score, 0)),
    reasons: matched.map((r) => (r.mode === 'observe' ? `${r.name}${OBSERVED_SUFFIX}` : r.name)),
    ruleIds: matched.map((r) => r.id),
    delayMinutes: decisive?.action === 'delay' ? (decisive.delayMinutes ?? null) : null,
    matches: matched.map((r) => ({ ruleId: r.id, action: r.action, decided: r === decisive, observed: r.mode === 'observe' })),
  };
}
