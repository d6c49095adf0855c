// Which 售后 problem a line is, and which fixes make sense for it. Pure: the queue reads the facts, these
// rules decide, so a new kind or fix is one table row and one unit-tested case.
import type { FixAction, ProblemKind } from '../../../src-shared/contract/index.js';

/** The `issue` column: a problem the owner must look at although the line's status is final. */
export type LineIssue = 'invalid_reported' | 'refund_after_delivery' | 'topup_disputed' | 'unredeemed';

/** Line statuses that are a problem by themselves (served by the order_lines_status index). */
export const PROBLEM_LINE_STATUSES = ['failed', 'topup_paused', 'ask_buyer', 'out_of_stock', 'unmapped', 'held', 'after_sales'] as const;

export interface LineFacts {
  status: string;
  issue: LineIssue | null;
  /** A top-up attempt exists for the line (a failed line is then a failed top-up, not a failed delivery). */
  hasTopup: boolean;
}

/**
 * One kind per line. What blocks the buyer now (a failed delivery, a missing account) comes before an
 * issue raised after delivery; an issue comes before the plain "refunded after delivery" state.
 */
export function problemKindOf(f: LineFacts): ProblemKind | null {
  switch (f.status) {
    case 'failed':
      return f.hasTopup ? 'topup_failed' : 'delivery_failed';
    case 'topup_paused':
    case 'ask_buyer':
    case 'out_of_stock':
    case 'unmapped':
    case 'held':
      return f.status;
  }
  if (f.issue !== null) return f.issue;
  return f.status === 'after_sales' ? 'refund_after_delivery' : null;
}

export interface ActionFacts {
  /** The line has keys tied to it (card lines; a top-up line has none). */
  hasKeys: boolean;
  /** The product has a redemption check route (supplier query or portal flow). */
  checkable: boolean;
}

const FIXES: Record<ProblemKind, readonly FixAction[]> = {
  invalid_reported: ['replace', 'check_redemption', 'claim', 'resend', 'record_refund', 'resolve'],
  delivery_failed: ['resend', 'resolve'],
  topup_failed: ['retry_topup', 'set_account', 'record_refund', 'resolve'],
  ask_buyer: ['set_account'],
  topup_paused: ['take_over', 'retry_topup'],
  // Nothing to do but wait: stock that arrives dispatches it in pay-time order.
  out_of_stock: ['resolve'],
  unmapped: ['map'],
  held: ['deliver_now'],
  refund_after_delivery: ['record_refund', 'claim', 'resolve'],
  topup_disputed: ['record_refund', 'resolve'],
  unredeemed: ['check_redemption', 'mark_redeemed', 'resolve'],
};

const NEEDS_KEYS: ReadonlySet<FixAction> = new Set(['replace', 'claim', 'resend', 'mark_redeemed', 'check_redemption']);

/** The fixes offered for a problem: only those that can work on this line. */
export function fixesFor(kind: ProblemKind, facts: ActionFacts): FixAction[] {
  return FIXES[kind].filter((a) => (!NEEDS_KEYS.has(a) || facts.hasKeys) && (a !== 'check_redemption' || facts.checkable));
}
