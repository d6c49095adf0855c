import { missingCase } from '../../../../../src-shared/contract/errors.js';
import type { Problem } from '../../../../../src-shared/contract/methods/aftersales.js';
import { call } from '../../../api/index.js';
import { yuanToFen } from '../../inventory/money.js';
import type { DialogFix } from '../labels.js';

/** What the fix dialog collected: always a reason, and the one extra field some fixes need. */
export interface FixValues {
  reason: string;
  /** set_account: the account the buyer gave in chat. */
  account?: string;
  /** record_refund: 元 as typed (checked by the form). */
  amount?: string;
  /** claim (required) / replace (optional: none = every key of the line). */
  keyIds?: number[];
}

/** The core's answer: a sentence to show, or (set_account) the line's new status. */
export type FixOutcome = { kind: 'message'; text: string } | { kind: 'status'; status: string };

const said = (r: { message: string }): FixOutcome => ({ kind: 'message', text: r.message });

/** Runs one recorded fix on a problem's line. Refusals come back as the core's error, shown as is. */
export async function runDialogFix(action: DialogFix, problem: Problem, v: FixValues): Promise<FixOutcome> {
  const lineId = problem.lineId;
  const reason = v.reason.trim();
  switch (action) {
    case 'resend':
      return said(await call('aftersales.resend', { lineId, reason }));
    case 'replace':
      return said(await call('aftersales.replace', { lineId, reason, ...(v.keyIds && v.keyIds.length > 0 && { keyIds: v.keyIds }) }));
    case 'mark_redeemed':
      return said(await call('aftersales.markRedeemed', { lineId, reason }));
    case 'retry_topup':
      return said(await call('topup.retry', { lineId, reason }));
    case 'set_account': {
      const r = await call('topup.setAccount', { lineId, account: (v.account ?? '').trim(), reason });
      return { kind: 'status', status: r.status };
    }
    case 'record_refund':
      return said(await call('aftersales.recordRefund', { lineId, reason, amountFen: yuanToFen(v.amount ?? '') }));
    case 'claim':
      return said(await call('aftersales.claim', { lineId, reason, keyIds: v.keyIds ?? [] }));
    case 'resolve':
      return said(await call('aftersales.resolve', { lineId, reason }));
    default:
      return missingCase(action);
  }
}

const FIELD_OF: Record<string, keyof FixValues> = { reason: 'reason', account: 'account', amountFen: 'amount', keyIds: 'keyIds' };

/** A server issue's field (`amountFen`, `keyIds.0`) → the dialog's field, when the dialog has it. */
export const fixFieldOf = (field: string): keyof FixValues | undefined => FIELD_OF[field.split('.')[0] ?? ''];
