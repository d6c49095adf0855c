// Request handling of the video portal: cookie sessions, login with an optional captcha, the recharge
// form and its faults, history, redeem and card lookup. Answers are server-rendered HTML.
import type { MembershipWorld } from '../membership/world.js';
import type { SimRequest, SimResponse } from '../types.js';
import { cardStatusBody, redeemBody, type RedeemOutcome } from './card-pages.js';
import { findPackage, isRechargeAccount, orderNumber } from './catalog.js';
import { BASE, href, page, type Html } from './layout.js';
import { busyBody, historyBody, loginBody, notFoundBody, rechargeFormBody, rechargeRefusedBody, rechargeSuccessBody } from './pages.js';
import type { PortalOrder, PortalState, PortalUser } from './state.js';

export interface PortalEnv {
  state: PortalState;
  world: MembershipWorld;
  clock: () => number;
  random: () => number;
  /** A delay the simulator cancels on reset(). */
  sleep(ms: number): Promise<void>;
}

const COOKIE = 'vp_session';
const HTML_TYPE = 'text/html; charset=utf-8';

const sessionCookie = (token: string): string => `${COOKIE}=${token}; Path=${BASE}; HttpOnly; SameSite=Lax`;
const clearedCookie = `${COOKIE}=; Path=${BASE}; HttpOnly; SameSite=Lax; Max-Age=0`;

function htmlPage(title: string, viewer: PortalUser | undefined, body: Html, status = 200, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': HTML_TYPE, 'cache-control': 'no-store', ...headers }, body: page(title, viewer ?? null, body) };
}

function redirect(location: string, headers: Record<string, string> = {}): SimResponse {
  return { status: 302, headers: { location, 'content-type': HTML_TYPE, ...headers }, body: '' };
}

function readCookie(req: SimRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

const formOf = (req: SimRequest): URLSearchParams => new URLSearchParams(req.body.toString('utf8'));
const field = (form: URLSearchParams, ...names: string[]): string => (names.map((n) => form.get(n)).find((v) => v !== null) ?? '').trim();

/** Only paths inside the portal: a login form must never become an open redirect. */
function safeNext(next: string | null): string {
  return next && next.startsWith(`${BASE}/`) && !next.includes('//') && !next.includes('\\') ? next : href('/recharge');
}

function loginRedirect(req: SimRequest): SimResponse {
  const query = req.method === 'GET' && req.query.size > 0 ? `?${req.query.toString()}` : '';
  return redirect(`${href('/login')}?next=${encodeURIComponent(href(req.path) + query)}`, { 'set-cookie': clearedCookie });
}

export async function routePortal(env: PortalEnv, req: SimRequest): Promise<SimResponse> {
  const { state } = env;
  const token = readCookie(req, COOKIE);
  const viewer = state.sessionUser(token);
  const route = `${req.method} ${req.path.replace(/(.)\/+$/, '$1')}`;
  switch (route) {
    case 'GET /':
      return redirect(href('/recharge'));
    case 'GET /login':
      if (viewer) return redirect(safeNext(req.query.get('next')));
      return loginPage(env, { next: safeNext(req.query.get('next')), error: null, username: '' });
    case 'POST /login':
      return login(env, formOf(req));
    case 'GET /logout':
    case 'POST /logout':
      state.closeSession(token);
      return redirect(href('/login'), { 'set-cookie': clearedCookie });
    case 'GET /redeem':
      return htmlPage('兑换卡密', viewer, redeemBody(null));
    case 'POST /redeem':
      return htmlPage('兑换卡密', viewer, redeemBody(redeem(env, formOf(req))));
    case 'GET /card-status':
      return htmlPage('卡密查询', viewer, cardStatusBody(null));
    case 'POST /card-status': {
      const secret = field(formOf(req), 'secret');
      return htmlPage('卡密查询', viewer, cardStatusBody(secret ? { secret, card: env.world.card(secret) } : null));
    }
  }
  const needsLogin = route === 'GET /recharge' || route === 'POST /recharge' || route === 'GET /history';
  if (needsLogin && !viewer) return loginRedirect(req);
  if (viewer) {
    if (route === 'GET /recharge') return htmlPage('会员充值', viewer, rechargeFormBody(state.faults.layout));
    if (route === 'POST /recharge') return recharge(env, viewer, formOf(req));
    if (route === 'GET /history') {
      const account = req.query.get('account')?.trim() || null;
      return htmlPage('充值记录', viewer, historyBody(state.ordersOf(viewer.username, account), account));
    }
  }
  return htmlPage('页面不存在', viewer, notFoundBody(), 404);
}

function loginPage(env: PortalEnv, view: { next: string; error: string | null; username: string }): SimResponse {
  const challenge = env.state.captchaRequired() ? env.state.issueChallenge() : null;
  return htmlPage('会员登录', undefined, loginBody({ ...view, challenge }));
}

function login(env: PortalEnv, form: URLSearchParams): SimResponse {
  const { state } = env;
  const username = field(form, 'username');
  const view = { next: safeNext(form.get('next')), username };
  // The captcha is checked first, so a bot without it learns nothing about the password.
  if (state.captchaRequired()) {
    const answer = field(form, 'captcha');
    if (!answer) return loginPage(env, { ...view, error: '请输入验证码' });
    if (!state.solveChallenge(field(form, 'captchaId'), answer)) return loginPage(env, { ...view, error: '验证码错误，请重新输入' });
  }
  const user = state.users.get(username);
  if (!user || user.password !== (form.get('password') ?? '')) return loginPage(env, { ...view, error: '账号或密码错误' });
  if (state.captchaRequired()) state.captchaPassed();
  return redirect(view.next, { 'set-cookie': sessionCookie(state.openSession(user.username)) });
}

function uniqueOrderNo(env: PortalEnv, at: number): string {
  for (;;) {
    const no = orderNumber(at, env.random);
    if (!env.state.orders.some((o) => o.orderNo === no)) return no;
  }
}

async function recharge(env: PortalEnv, user: PortalUser, form: URLSearchParams): Promise<SimResponse> {
  const { state } = env;
  const { layout } = state.faults;
  // v2 renamed the fields; the server takes both, as a redesigned site keeps old clients working.
  const account = field(form, 'account', 'target_uid');
  const pkg = findPackage(field(form, 'packageId', 'sku'));
  const refuse = (message: string) => htmlPage('充值失败', user, rechargeRefusedBody(layout, message));
  if (!account) return refuse('请填写充值账号');
  if (!isRechargeAccount(account)) return refuse('充值账号格式不正确：请填写手机号、QQ 号或邮箱');
  if (!pkg) return refuse('套餐不存在或已下架，请重新选择');
  if (user.balanceFen < pkg.priceFen) return refuse('账户余额不足，请先充值余额');
  if (state.chance(state.faults.rejectRate)) return refuse('该账号暂时无法开通会员，请核对账号或联系客服');

  const at = env.clock();
  const order: PortalOrder = { orderNo: uniqueOrderNo(env, at), username: user.username, account, packageId: pkg.id, priceFen: pkg.priceFen, at };
  user.balanceFen -= pkg.priceFen;
  state.orders.push(order);
  env.world.recharge({ account, packageId: pkg.id, source: 'portal', ref: order.orderNo, at });

  // The recharge went through; the answer lies (or never comes) and tempts the client to submit again.
  if (state.chance(state.faults.duplicateTrap)) {
    if (state.faults.duplicateTrapStyle === 'hang') await env.sleep(state.faults.hangMs);
    return htmlPage('系统繁忙', user, busyBody());
  }
  return htmlPage('充值成功', user, rechargeSuccessBody(layout, order));
}

function redeem(env: PortalEnv, form: URLSearchParams): RedeemOutcome {
  const secret = field(form, 'secret');
  const account = field(form, 'account');
  if (!secret) return { ok: false, message: '请输入卡密' };
  if (!isRechargeAccount(account)) return { ok: false, message: '充值账号格式不正确：请填写手机号、QQ 号或邮箱' };
  const result = env.world.redeem(secret, account, env.clock());
  if (result.ok) return { ok: true, packageId: result.card.packageId, account };
  const messages = { unknown: '卡密不存在，请核对后重新输入', redeemed: '该卡密已被使用', invalid: '该卡密已失效，请联系卖家' } as const;
  return { ok: false, message: messages[result.reason] };
}
