// 网页代充: tops up one account on the video portal through its recharge form. The history is read before
// the form is touched, and again whenever the answer to the submit is unclear, so a re-run (the engine's
// retry, or a crash and restart) can never top the buyer up twice. The form is submitted at most once
// per run.
import { maskAccount } from '../../../../../src-shared/recharge-account.js';
import { FlowFailure, type Flow, type StepContext } from '../../types.js';
import { clickSubmit, need, openLoggedIn, waitForAny } from './browser.js';
import { lookUpRecharge, type RechargeQuery } from './history.js';
import { LOGIN, PATHS, RECHARGE } from './selectors.js';
import { ensureLoggedInStep, openPortalStep } from './steps.js';

export type RechargeInput = RechargeQuery;

export interface RechargeOutput {
  portalOrderNo: string;
  /** True when the order number came from the 充值记录 page rather than the submit's own answer. */
  reconciled: boolean;
  /** True when this run pressed 立即充值 (false: the history already showed the recharge). */
  submitted: boolean;
}

interface RechargeState {
  portalOrderNo: string | null;
  reconciled: boolean;
  submitted: boolean;
}

type Ctx = StepContext<RechargeInput>;

/** Steps after the history check do nothing once the recharge is known to exist. */
const unlessFound =
  (run: (ctx: Ctx, state: RechargeState) => Promise<void>) =>
  async (ctx: Ctx, state: RechargeState): Promise<void> => {
    if (state.portalOrderNo !== null) return;
    await run(ctx, state);
  };

async function reconcile(ctx: Ctx, state: RechargeState, why: string): Promise<void> {
  ctx.note(`${why}，到充值记录里核对`);
  const found = await lookUpRecharge(ctx, ctx.input);
  if (!found) {
    throw new FlowFailure('unknown', '已提交充值，但网站没有给出结果，充值记录里也没有这笔；重试时会先核对充值记录再决定是否提交', true);
  }
  state.portalOrderNo = found;
  state.reconciled = true;
}

export const videoPortalRecharge: Flow<RechargeInput, RechargeState, RechargeOutput> = {
  name: 'video-portal-recharge',
  title: '视频会员网页代充',
  portal: 'video-portal',
  initialState: () => ({ portalOrderNo: null, reconciled: false, submitted: false }),
  steps: [
    openPortalStep(),
    ensureLoggedInStep(),
    {
      name: 'check-history',
      title: '查询充值记录',
      async run(ctx, state) {
        const found = await lookUpRecharge(ctx, ctx.input);
        if (!found) return;
        state.portalOrderNo = found;
        state.reconciled = true;
        ctx.note('这笔充值已经做过，不再提交');
      },
    },
    {
      name: 'open-recharge-form',
      title: '打开充值页面',
      run: unlessFound((ctx) => openLoggedIn(ctx, PATHS.recharge, '充值页')),
    },
    {
      name: 'fill-account',
      title: '填写充值账号',
      run: unlessFound(async (ctx) => {
        await (await need(ctx, RECHARGE.account)).fill(ctx.input.account);
        ctx.note(`充值账号 ${maskAccount(ctx.input.account)}`);
      }),
    },
    {
      name: 'choose-package',
      title: '选择套餐',
      run: unlessFound(async (ctx) => {
        const select = await need(ctx, RECHARGE.package);
        const offered = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
        if (!offered.includes(ctx.input.packageId)) {
          throw new FlowFailure('rejected', `充值网站没有套餐「${ctx.input.packageId}」，请检查商品的套餐设置`, false);
        }
        await select.selectOption(ctx.input.packageId);
      }),
    },
    {
      name: 'submit',
      title: '提交充值',
      run: unlessFound(async (ctx, state) => {
        if (state.submitted) throw new FlowFailure('unknown', '本次已经提交过充值，为避免重复充值不再提交', false);
        const button = await need(ctx, RECHARGE.submit);
        // Marked before the click: once the click may have reached the portal, only the history decides.
        state.submitted = true;
        const sent = await clickSubmit(ctx, button);
        ctx.note(sent === 'clicked' ? '已提交充值' : '已提交充值，网站迟迟没有响应');
      }),
    },
    {
      name: 'read-result',
      title: '读取充值结果',
      run: unlessFound(async (ctx, state) => {
        const outcome = await waitForAny(ctx, { success: RECHARGE.orderNo.css, refused: RECHARGE.refusal, busy: RECHARGE.busy, login: LOGIN.form });
        switch (outcome) {
          case 'success': {
            const orderNo = (await ctx.page.locator(RECHARGE.orderNo.css).first().innerText()).trim();
            if (!orderNo) return reconcile(ctx, state, '充值结果里没有订单号');
            state.portalOrderNo = orderNo;
            ctx.note(`充值成功，网站订单号 ${orderNo}`);
            return;
          }
          case 'refused': {
            const said = (await ctx.page.locator(RECHARGE.refusal).first().innerText()).trim();
            throw new FlowFailure('rejected', said || '充值网站拒绝了这笔充值', false);
          }
          case 'busy':
            return reconcile(ctx, state, '网站提示系统繁忙');
          case 'login':
            return reconcile(ctx, state, '提交后网站要求重新登录');
          case null:
            return reconcile(ctx, state, '提交后没有等到充值结果');
        }
      }),
    },
  ],
  output(state) {
    if (state.portalOrderNo === null) throw new FlowFailure('unknown', '流程结束了，但没有拿到充值订单号', true);
    return { portalOrderNo: state.portalOrderNo, reconciled: state.reconciled, submitted: state.submitted };
  },
};
