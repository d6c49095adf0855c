import { PROBLEM_TITLES, type FixAction, type ProblemKind } from '../../../../src-shared/contract/methods/aftersales.js';

/** Every problem kind, in the contract's order (most urgent first). */
export const PROBLEM_KINDS = Object.keys(PROBLEM_TITLES) as ProblemKind[];

/** antd Tag colours: red when the buyer has nothing yet, orange when it waits on someone, purple after delivery. */
export const PROBLEM_COLOR: Record<ProblemKind, string> = {
  topup_failed: 'error',
  topup_paused: 'warning',
  ask_buyer: 'warning',
  invalid_reported: 'magenta',
  out_of_stock: 'warning',
  unmapped: 'warning',
  held: 'orange',
  delivery_failed: 'error',
  refund_after_delivery: 'volcano',
  topup_disputed: 'gold',
  unredeemed: 'default',
};

/** The order the fix buttons appear in: the fix that solves the problem first, 处理完毕 last. */
export const FIX_ORDER: readonly FixAction[] = [
  'set_account', 'retry_topup', 'take_over', 'map', 'deliver_now', 'replace', 'resend', 'check_redemption', 'mark_redeemed', 'claim', 'record_refund', 'resolve',
];

/** Fixes that change something and are recorded in the ledger: they ask for a reason (and maybe more) first. */
export type DialogFix = Extract<FixAction, 'resend' | 'replace' | 'mark_redeemed' | 'retry_topup' | 'set_account' | 'record_refund' | 'claim' | 'resolve'>;
export const DIALOG_FIXES: readonly FixAction[] = ['resend', 'replace', 'mark_redeemed', 'retry_topup', 'set_account', 'record_refund', 'claim', 'resolve'];

export const isDialogFix = (action: FixAction): action is DialogFix => DIALOG_FIXES.includes(action);
