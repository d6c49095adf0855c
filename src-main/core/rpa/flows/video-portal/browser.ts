// Page helpers shared by the video-portal flows: open a page, require an element (or fail as
// layout_changed, naming it in Chinese), wait for whichever of several outcomes shows up, and log in
// again when the portal has dropped the session. Nothing here logs a password or a card secret.
import type { Locator } from 'playwright-core';
import { FlowFailure, FlowPause, type StepContext } from '../../types.js';
import { LOGIN, type Target } from './selectors.js';

export type PortalCtx = Pick<StepContext<unknown>, 'page' | 'account' | 'timeoutMs' | 'note'>;

export const CAPTCHA_MESSAGE = '网站要求输入验证码，请在弹出的浏览器里完成登录';

const isTimeout = (err: unknown): boolean => err instanceof Error && err.name === 'TimeoutError';
const firstLine = (err: unknown): string => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

export function portalUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

export const layoutChanged = (target: Target): FlowFailure =>
  new FlowFailure('layout_changed', `页面结构变了：找不到${target.label}`, false);

/** Navigates and reads the HTTP status; network trouble and 5xx are worth another run, 404 is not. */
export async function open(ctx: PortalCtx, path: string, what: string): Promise<void> {
  let status: number;
  try {
    const response = await ctx.page.goto(portalUrl(ctx.account.baseUrl, path), { waitUntil: 'domcontentloaded', timeout: ctx.timeoutMs });
    status = response?.status() ?? 0;
  } catch (err) {
    if (isTimeout(err)) throw new FlowFailure('timeout', `打开${what}超时，网站响应太慢`, true);
    throw new FlowFailure('network', `打不开${what}：${firstLine(err)}`, true);
  }
  if (status >= 500) throw new FlowFailure('network', `${what}暂时不可用（HTTP ${status}）`, true);
  if (status === 404) throw new FlowFailure('layout_changed', `页面结构变了：${what}的地址不存在（HTTP 404）`, false);
}

export async function isPresent(ctx: PortalCtx, css: string): Promise<boolean> {
  return (await ctx.page.locator(css).count()) > 0;
}

/** The element, visible within the step timeout; otherwise the page is not what the flow knows. */
export async function need(ctx: PortalCtx, target: Target): Promise<Locator> {
  const locator = ctx.page.locator(target.css).first();
  try {
    await locator.waitFor({ state: 'visible', timeout: ctx.timeoutMs });
  } catch (err) {
    if (isTimeout(err)) throw layoutChanged(target);
    throw err;
  }
  return locator;
}

/** Waits until one of `outcomes` (name → CSS) is on the page; the first listed wins when several are.
 *  null when none shows up within `timeoutMs`. */
export async function waitForAny<K extends string>(ctx: PortalCtx, outcomes: Record<K, string>, timeoutMs = ctx.timeoutMs): Promise<K | null> {
  const entries = Object.entries(outcomes) as [K, string][];
  try {
    await ctx.page.locator(entries.map(([, css]) => css).join(', ')).first().waitFor({ state: 'attached', timeout: timeoutMs });
  } catch (err) {
    if (isTimeout(err)) return null;
    throw err;
  }
  for (const [name, css] of entries) if (await isPresent(ctx, css)) return name;
  return null;
}

/**
 * Clicks a button that submits a form. A click whose navigation does not finish in time is not an
 * error here: the form may well have been sent, and the caller decides from the page what happened.
 */
export async function clickSubmit(ctx: PortalCtx, button: Locator): Promise<'clicked' | 'no_answer'> {
  try {
    await button.click({ timeout: ctx.timeoutMs });
    return 'clicked';
  } catch (err) {
    if (isTimeout(err)) return 'no_answer';
    throw err;
  }
}

export const onLoginPage = (ctx: PortalCtx): Promise<boolean> => isPresent(ctx, LOGIN.form);

/** Logs in from the login page. A captcha or a refused password needs the owner: FlowPause. */
export async function logIn(ctx: PortalCtx): Promise<void> {
  if (await isPresent(ctx, LOGIN.captcha)) throw new FlowPause('captcha', CAPTCHA_MESSAGE);
  await (await need(ctx, LOGIN.username)).fill(ctx.account.username);
  await (await need(ctx, LOGIN.password)).fill(ctx.account.password);
  await clickSubmit(ctx, await need(ctx, LOGIN.submit));
  const outcome = await waitForAny(ctx, { captcha: LOGIN.captcha, refused: LOGIN.error, ok: LOGIN.currentUser.css });
  switch (outcome) {
    case 'ok':
      ctx.note(`已登录网站账号 ${ctx.account.username}`);
      return;
    case 'captcha':
      throw new FlowPause('captcha', CAPTCHA_MESSAGE);
    case 'refused': {
      const said = (await ctx.page.locator(LOGIN.error).first().innerText()).trim();
      throw new FlowPause('login', `网站拒绝登录：${said}。请检查网站账号的密码，或在弹出的浏览器里手动登录`);
    }
    case null:
      throw new FlowFailure('timeout', '提交登录后网站没有响应', true);
  }
}

/** Opens a page that needs a session, logging in again once if the portal sent us to its login page. */
export async function openLoggedIn(ctx: PortalCtx, path: string, what: string): Promise<void> {
  await open(ctx, path, what);
  if (!(await onLoginPage(ctx))) return;
  ctx.note('网站登录已失效，重新登录');
  await logIn(ctx);
  await open(ctx, path, what);
  if (await onLoginPage(ctx)) throw new FlowPause('login', '重新登录后网站仍然要求登录，请在弹出的浏览器里手动登录');
}
