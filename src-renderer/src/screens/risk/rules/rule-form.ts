import type { MethodInput } from '../../../../../src-shared/contract/index.js';
import type { RiskAction, RiskCondition, RiskRule } from '../../../../../src-shared/risk/rules.js';
import { fenToYuan, yuanToFen } from '../../inventory/money.js';
import type { ConditionField } from '../labels.js';

export type RuleDraftInput = MethodInput<'risk.rules.save'>['rule'];

/**
 * A condition as the editor holds it: the contract's shape, except the amount, which the owner types
 * in 元 (`yuan`) and the core stores in 分 (`fen`).
 */
export type ConditionForm = Exclude<RiskCondition, { field: 'amount' }> | { field: 'amount'; op: Extract<RiskCondition, { field: 'amount' }>['op']; yuan: string };

export interface RuleFormValues {
  name: string;
  action: RiskAction;
  delayMinutes: number | undefined;
  score: number;
  mode: 'enforce' | 'observe';
  enabled: boolean;
  note: string;
  conditions: ConditionForm[];
}

/** What a freshly added condition of each type starts with: a sensible example, never an empty rule. */
export function defaultCondition(field: ConditionField): ConditionForm {
  switch (field) {
    case 'amount': return { field, op: 'gte', yuan: '100.00' };
    case 'quantity': return { field, op: 'gt', value: 5 };
    case 'product': return { field, productIds: [] };
    case 'shop': return { field, shopIds: [] };
    case 'platform': return { field, platforms: [] };
    case 'hour': return { field, from: 0, to: 6 };
    case 'risk_flag': return { field, flags: [] };
    case 'velocity': return { field, subject: 'buyer', windowMinutes: 60, op: 'gt', count: 3 };
    case 'new_buyer': return { field, value: true };
    case 'list': return { field, list: 'black', subject: 'any' };
    case 'text': return { field, subject: 'nick', op: 'contains', value: '' };
    case 'ip': return { field, op: 'in', cidrs: [] };
    case 'missing': return { field, subject: 'phone' };
  }
}

/** A new rule: observe only, so the owner sees what it catches before it holds a real order. */
export function newRuleValues(): RuleFormValues {
  return { name: '', action: 'review', delayMinutes: undefined, score: 20, mode: 'observe', enabled: true, note: '', conditions: [defaultCondition('velocity')] };
}

export function ruleToForm(rule: RiskRule): RuleFormValues {
  return {
    name: rule.name,
    action: rule.action,
    delayMinutes: rule.delayMinutes,
    score: rule.score,
    mode: rule.mode,
    enabled: rule.enabled,
    note: rule.note ?? '',
    conditions: rule.conditions.map((c) => (c.field === 'amount' ? { field: 'amount', op: c.op, yuan: fenToYuan(c.fen) } : c)),
  };
}

/** The form → the draft the core validates again. Call after the form's own validation passed. */
export function formToDraft(v: RuleFormValues): RuleDraftInput {
  const note = v.note.trim();
  return {
    name: v.name.trim(),
    enabled: v.enabled,
    mode: v.mode,
    action: v.action,
    ...(v.action === 'delay' && v.delayMinutes !== undefined && { delayMinutes: v.delayMinutes }),
    score: v.score,
    conditions: v.conditions.map(conditionToDraft),
    ...(note !== '' && { note }),
  };
}

function conditionToDraft(c: ConditionForm): RiskCondition {
  switch (c.field) {
    case 'amount': return { field: 'amount', op: c.op, fen: yuanToFen(c.yuan) };
    case 'text': return { ...c, value: c.value.trim() };
    case 'ip': return { ...c, cidrs: c.cidrs.map((s) => s.trim()).filter(Boolean) };
    case 'risk_flag': return { ...c, flags: c.flags.map((s) => s.trim()).filter(Boolean) };
    default: return c;
  }
}

const TOP_FIELDS: readonly string[] = ['name', 'action', 'delayMinutes', 'score', 'mode', 'enabled', 'note'];

/**
 * Where the core's INVALID_INPUT issue (`rule.conditions.0.cidrs.1`) belongs in the form
 * (`['conditions', 0, 'cidrs']`); undefined when no one field owns it (`rule.conditions`: at least one).
 */
export function formPathOf(serverField: string): (string | number)[] | undefined {
  const path = serverField.replace(/^rule\./, '').split('.');
  const [head, index, key] = path;
  if (head === 'conditions' && index !== undefined && /^\d+$/.test(index)) {
    const i = Number(index);
    if (key === undefined) return ['conditions', i, 'field'];
    return ['conditions', i, key === 'fen' ? 'yuan' : key];
  }
  return head !== undefined && path.length === 1 && TOP_FIELDS.includes(head) ? [head] : undefined;
}

/** A saved rule back into the draft the core takes, e.g. to switch it on or off. */
export function ruleToDraft(rule: RiskRule, change: Partial<RuleDraftInput> = {}): RuleDraftInput {
  return {
    name: rule.name,
    enabled: rule.enabled,
    mode: rule.mode,
    action: rule.action,
    ...(rule.delayMinutes !== undefined && { delayMinutes: rule.delayMinutes }),
    score: rule.score,
    conditions: rule.conditions,
    ...(rule.note !== undefined && { note: rule.note }),
    ...change,
  };
}
