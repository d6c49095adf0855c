// Steps shared by the video-portal flows that start on the recharge site with a logged-in session.
import type { Step } from '../../types.js';
import { logIn, need, onLoginPage, open } from './browser.js';
import { LOGIN, PATHS } from './selectors.js';

export function openPortalStep<I, S>(): Step<I, S> {
  return {
    name: 'open-portal',
    title: '打开充值网站',
    run: (ctx) => open(ctx, PATHS.recharge, '充值网站'),
  };
}

export function ensureLoggedInStep<I, S>(): Step<I, S> {
  return {
    name: 'ensure-login',
    title: '确认已登录',
    async run(ctx) {
      if (await onLoginPage(ctx)) await logIn(ctx);
      else ctx.note('浏览器里已是登录状态');
      await need(ctx, LOGIN.currentUser);
    },
  };
}
