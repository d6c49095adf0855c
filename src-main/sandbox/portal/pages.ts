// Page bodies for login, recharge and history. The ids and data-testid attributes are the portal's
// "stable selectors" that the RPA flows rely on; layout v2 deliberately drops them on the recharge pages
// to imitate a redesign. Pure: data in, Html out.
import { formatBeijing, yuan } from '../platforms/units.js';
import { PORTAL_PACKAGES, packageName } from './catalog.js';
import { href, html, type Html } from './layout.js';
import type { Challenge, PortalOrder } from './state.js';

export type Layout = 'v1' | 'v2';

export function loginBody(view: { next: string; error: string | null; username: string; challenge: Challenge | null }): Html {
  const { challenge } = view;
  const captcha = challenge
    ? html`<div id="captcha-box" data-testid="captcha-box" class="vp-field">
  <input type="hidden" name="captchaId" value="${challenge.id}">
  <label for="login-captcha">验证码</label>
  <span id="captcha-image" class="vp-captcha" role="img" aria-label="验证码图片，请看图输入">${challenge.glyphs.map(
    (g) => html`<span class="g" data-g="${g.char}" style="order:${g.order};color:${g.color};transform:rotate(${g.rotateDeg}deg) translateY(${g.shiftPx}px)"></span>`,
  )}</span>
  <input id="login-captcha" data-testid="login-captcha" name="captcha" autocomplete="off" maxlength="8" placeholder="请输入图中字符">
  <p class="vp-hint">看不清？刷新页面换一张</p>
</div>`
    : null;
  return html`<h1>会员登录</h1>
${view.error ? html`<p id="login-error" data-testid="login-error" class="vp-error" role="alert">${view.error}</p>` : null}
<form id="login-form" data-testid="login-form" method="post" action="${href('/login')}">
  <input type="hidden" name="next" value="${view.next}">
  <div class="vp-field"><label for="login-username">账号</label>
    <input id="login-username" data-testid="login-username" name="username" autocomplete="username" value="${view.username}"></div>
  <div class="vp-field"><label for="login-password">密码</label>
    <input id="login-password" data-testid="login-password" name="password" type="password" autocomplete="current-password"></div>
  ${captcha}
  <button id="login-submit" data-testid="login-submit" type="submit">登录</button>
</form>`;
}

const priceLabel = (priceFen: number): string => `¥${yuan(priceFen)}`;

export function rechargeFormBody(layout: Layout): Html {
  if (layout === 'v2') {
    return html`<section class="vp2-buy"><h2>开通 VIP 会员</h2>
<form class="vp2-form" method="post" action="${href('/recharge')}">
  <div class="vp2-row"><span>充值给：</span><input class="vp2-input" name="target_uid" placeholder="请输入要开通的账号"></div>
  <ul class="vp2-skus">${PORTAL_PACKAGES.map(
    (p, i) => html`<li><label><input type="radio" name="sku" value="${p.id}"${i === 0 ? html` checked` : null}> ${p.name} ${priceLabel(p.priceFen)}</label></li>`,
  )}</ul>
  <button class="vp2-pay" type="submit">确认支付</button>
</form></section>`;
  }
  return html`<h1>会员充值</h1>
<form id="recharge-form" data-testid="recharge-form" method="post" action="${href('/recharge')}">
  <div class="vp-field"><label for="recharge-account">充值账号</label>
    <input id="recharge-account" data-testid="recharge-account" name="account" autocomplete="off" placeholder="手机号 / QQ 号 / 邮箱"></div>
  <div class="vp-field"><label for="recharge-package">套餐</label>
    <select id="recharge-package" data-testid="recharge-package" name="packageId">${PORTAL_PACKAGES.map(
      (p) => html`<option value="${p.id}">${p.name} ${priceLabel(p.priceFen)}</option>`,
    )}</select></div>
  <button id="recharge-submit" data-testid="recharge-submit" type="submit">立即充值</button>
</form>`;
}

export function rechargeSuccessBody(layout: Layout, order: PortalOrder): Html {
  if (layout === 'v2') {
    return html`<section class="vp2-buy"><p class="vp2-msg">支付成功</p>
<p>订单编号：<b>${order.orderNo}</b></p><p>${packageName(order.packageId)} 已开通到 ${order.account}</p></section>`;
  }
  return html`<div id="recharge-result" data-testid="recharge-result" data-result="success">
<h1 class="vp-ok">充值成功</h1>
<table><tbody>
  <tr><th>订单号</th><td id="order-no" data-testid="order-no">${order.orderNo}</td></tr>
  <tr><th>充值账号</th><td id="result-account">${order.account}</td></tr>
  <tr><th>套餐</th><td id="result-package" data-package-id="${order.packageId}">${packageName(order.packageId)}</td></tr>
  <tr><th>扣款</th><td id="result-price">${priceLabel(order.priceFen)}</td></tr>
  <tr><th>时间</th><td><time datetime="${new Date(order.at).toISOString()}">${formatBeijing(order.at)}</time></td></tr>
</tbody></table>
<p><a href="${href('/recharge')}">继续充值</a> · <a href="${href('/history')}">查看充值记录</a></p>
</div>`;
}

export function rechargeRefusedBody(layout: Layout, message: string): Html {
  if (layout === 'v2') return html`<section class="vp2-buy"><p class="vp2-msg vp-error">${message}</p></section>`;
  return html`<div id="recharge-result" data-testid="recharge-result" data-result="refused">
<h1>充值失败</h1>
<p id="recharge-error" data-testid="recharge-error" class="vp-error" role="alert">${message}</p>
<p><a href="${href('/recharge')}">返回修改</a></p>
</div>`;
}

/** What the duplicate trap answers although the order was recorded: the classic "just click again" page. */
export function busyBody(): Html {
  return html`<div id="busy-notice" data-testid="busy-notice" class="vp-busy">
<h1>系统繁忙，请稍后重试</h1>
<p>当前访问人数过多，您的请求可能未能完成。请稍后重新提交。</p>
<p><a href="${href('/recharge')}">重新提交</a></p>
</div>`;
}

export function historyBody(orders: PortalOrder[], accountFilter: string | null): Html {
  const rows =
    orders.length === 0
      ? html`<tr id="history-empty" data-testid="history-empty"><td colspan="5">暂无充值记录</td></tr>`
      : orders.map(
          (o) => html`<tr data-testid="history-row" data-order-no="${o.orderNo}" data-account="${o.account}" data-package-id="${o.packageId}">
  <td class="col-order">${o.orderNo}</td><td class="col-account">${o.account}</td><td class="col-package">${packageName(o.packageId)}</td>
  <td class="col-time"><time datetime="${new Date(o.at).toISOString()}">${formatBeijing(o.at)}</time></td><td class="col-status">充值成功</td>
</tr>`,
        );
  return html`<h1>充值记录</h1>
<form id="history-filter" method="get" action="${href('/history')}">
  <input id="history-account" data-testid="history-account" name="account" value="${accountFilter ?? ''}" placeholder="按充值账号筛选">
  <button id="history-search" type="submit">查询</button>
</form>
<table id="history-table" data-testid="history-table">
<thead><tr><th>订单号</th><th>充值账号</th><th>套餐</th><th>充值时间</th><th>状态</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

export function notFoundBody(): Html {
  return html`<h1>页面不存在</h1><p id="not-found">您访问的页面不存在或已下线。<a href="${href('/recharge')}">返回首页</a></p>`;
}
