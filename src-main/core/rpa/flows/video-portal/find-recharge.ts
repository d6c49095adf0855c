// 查询网页充值记录: history only, never submits. The top-up service runs it to reconcile an attempt whose
// outcome is unknown before deciding anything else.
import type { Flow } from '../../types.js';
import { lookUpRecharge, type RechargeQuery } from './history.js';
import { ensureLoggedInStep, openPortalStep } from './steps.js';

export type FindRechargeInput = RechargeQuery;

export interface FindRechargeOutput {
  /** null: the history has no recharge of this package to this account at or after notBefore. */
  portalOrderNo: string | null;
}

interface FindRechargeState {
  portalOrderNo: string | null;
}

export const videoPortalFindRecharge: Flow<FindRechargeInput, FindRechargeState, FindRechargeOutput> = {
  name: 'video-portal-find-recharge',
  title: '查询网页充值记录',
  portal: 'video-portal',
  initialState: () => ({ portalOrderNo: null }),
  steps: [
    openPortalStep(),
    ensureLoggedInStep(),
    {
      name: 'check-history',
      title: '查询充值记录',
      async run(ctx, state) {
        state.portalOrderNo = await lookUpRecharge(ctx, ctx.input);
      },
    },
  ],
  output: (state) => ({ portalOrderNo: state.portalOrderNo }),
};
