// The buyer's side of a card (兑换卡密) and the public card lookup (卡密查询). Secrets travel only in POST
// bodies, never in a URL, and a looked-up secret is echoed back masked.
import { maskSecret } from '../../../src-shared/mask.js';
import { maskAccount } from '../../../src-shared/recharge-account.js';
import type { MembershipCard } from '../membership/world.js';
import { formatBeijing } from '../platforms/units.js';
import { packageName } from './catalog.js';
import { href, html, type Html } from './layout.js';

export type RedeemOutcome = { ok: true; packageId: string; account: string } | { ok: false; message: string };

export function redeemBody(outcome: RedeemOutcome | null): Html {
  const result = !outcome
    ? null
    : outcome.ok
      ? html`<p id="redeem-result" data-testid="redeem-result" data-result="success" class="vp-ok">兑换成功：${packageName(outcome.packageId)} 已开通到 ${maskAccount(outcome.account)}</p>`
      : html`<p id="redeem-result" data-testid="redeem-result" data-result="failed" class="vp-error" role="alert">${outcome.message}</p>`;
  return html`<h1>兑换卡密</h1>
${result}
<form id="redeem-form" data-testid="redeem-form" method="post" action="${href('/redeem')}">
  <div class="vp-field"><label for="redeem-secret">卡密</label>
    <input id="redeem-secret" data-testid="redeem-secret" name="secret" autocomplete="off" placeholder="请输入卡密"></div>
  <div class="vp-field"><label for="redeem-account">充值账号</label>
    <input id="redeem-account" data-testid="redeem-account" name="account" autocomplete="off" placeholder="手机号 / QQ 号 / 邮箱"></div>
  <button id="redeem-submit" data-testid="redeem-submit" type="submit">立即兑换</button>
</form>`;
}

const STATUS_LABELS: Record<MembershipCard['status'], string> = { unused: '未使用', redeemed: '已兑换', invalid: '无效' };

export function cardStatusBody(lookup: { secret: string; card: MembershipCard | undefined } | null): Html {
  return html`<h1>卡密查询</h1>
<form id="card-status-form" data-testid="card-status-form" method="post" action="${href('/card-status')}">
  <div class="vp-field"><label for="card-status-secret">卡密</label>
    <input id="card-status-secret" data-testid="card-status-secret" name="secret" autocomplete="off" placeholder="请输入要查询的卡密"></div>
  <button id="card-status-submit" data-testid="card-status-submit" type="submit">查询</button>
</form>
${lookup ? cardResult(lookup.secret, lookup.card) : null}`;
}

function cardResult(secret: string, card: MembershipCard | undefined): Html {
  const label = card ? STATUS_LABELS[card.status] : '不存在';
  const redeemed =
    card?.status === 'redeemed' && card.redeemedAt !== null
      ? html`<tr><th>兑换时间</th><td id="card-status-redeemed-at"><time datetime="${new Date(card.redeemedAt).toISOString()}">${formatBeijing(card.redeemedAt)}</time></td></tr>
  <tr><th>兑换账号</th><td id="card-status-account">${maskAccount(card.redeemedBy ?? '')}</td></tr>`
      : null;
  return html`<div id="card-status-result" data-testid="card-status-result">
<table><tbody>
  <tr><th>卡密</th><td>${maskSecret(secret)}</td></tr>
  <tr><th>状态</th><td id="card-status-label" data-testid="card-status-label">${label}</td></tr>
  ${card ? html`<tr><th>套餐</th><td>${packageName(card.packageId)}</td></tr>` : null}
  ${redeemed}
</tbody></table>
${card ? null : html`<p class="vp-hint">请核对卡密是否输入正确</p>`}
</div>`;
}
