import type { MethodOutput } from '../../../../src-shared/contract/index.js';
import type { RiskHoldView, RiskSubject } from '../../../../src-shared/contract/methods/risk.js';
import type { RiskAction, RiskCondition } from '../../../../src-shared/risk/rules.js';

export type HoldStatus = RiskHoldView['status'];
export type RiskStats = MethodOutput<'risk.stats'>;
export type RuleStats = RiskStats['rules'][number];

/** Every subject a list entry or a blacklisting can be about, in the contract's order. */
export const SUBJECTS: readonly RiskSubject[] = ['buyer', 'ip', 'device', 'phone', 'email'];

/** Every action, mildest first (the order the rule editor offers them). */
export const ACTIONS: readonly RiskAction[] = ['allow', 'review', 'verify', 'delay', 'block'];

/** antd Tag colours: red stops the order, orange waits for the owner, blue waits for the buyer. */
export const ACTION_COLOR: Record<RiskAction, string> = {
  allow: 'green',
  review: 'orange',
  verify: 'blue',
  delay: 'gold',
  block: 'red',
};

export const HOLD_STATUS_COLOR: Record<HoldStatus, string> = {
  open: 'processing',
  approved: 'success',
  released: 'success',
  verified: 'success',
  rejected: 'default',
};

export type ConditionField = RiskCondition['field'];

/** The condition types in the order the editor's 添加条件 menu lists them. */
export const CONDITION_FIELDS: readonly ConditionField[] = [
  'amount', 'quantity', 'product', 'shop', 'platform', 'hour', 'risk_flag', 'velocity', 'new_buyer', 'list', 'text', 'ip', 'missing',
];

/** The subjects of a hold that can be blacklisted: only those the order actually carried. */
export function subjectsOf(hold: RiskHoldView): RiskSubject[] {
  const s = hold.signals;
  const has: Record<RiskSubject, boolean> = {
    buyer: s.buyerMasked !== '',
    ip: s.ip !== null,
    device: s.deviceMasked !== null,
    phone: s.phoneMasked !== null,
    email: s.emailMasked !== null,
  };
  return SUBJECTS.filter((k) => has[k]);
}

export const mono = { fontFamily: 'ui-monospace, Consolas, monospace', fontSize: 12 };
export const small = { fontSize: 12 };
