// The portal's HTML shell (header, nav, footer, styles) and a tiny escaping template tag. Every value
// interpolated into `html\`…\`` is escaped unless it is already Html, so a buyer's account or a card
// secret typed into a form can never inject markup into the next page.
import { yuan } from '../platforms/units.js';

export const PORTAL_NAME = 'video-portal';
export const PORTAL_TITLE = '爱奇艺会员（沙箱）';
/** The host mounts the simulator under `/<name>`; every link and form action carries this prefix. */
export const BASE = `/${PORTAL_NAME}`;

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Part = Html | string | number | null | undefined | false | readonly Part[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

export const href = (path: string): string => `${BASE}${path}`;

export interface Viewer {
  username: string;
  balanceFen: number;
}

const STYLE = `
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f5f5f5;color:#222}
.vp-header{display:flex;align-items:center;gap:16px;padding:12px 32px;background:#1f1f1f;color:#fff}
.vp-logo{color:#00be06;font-size:22px;font-weight:bold;text-decoration:none}.vp-logo span{color:#e6c27a;margin-left:4px}
.vp-sandbox{font-size:12px;border:1px solid #e6c27a;color:#e6c27a;padding:0 6px;border-radius:3px}
.vp-user{margin-left:auto;font-size:14px}.vp-user b{color:#e6c27a}
.vp-nav{display:flex;gap:4px;padding:0 32px;background:#2b2b2b}.vp-nav a{color:#ddd;padding:10px 14px;text-decoration:none}
.vp-nav a:hover{background:#00be06;color:#fff}.vp-nav .vp-right{margin-left:auto}
.vp-main{max-width:760px;margin:24px auto;background:#fff;padding:24px 32px;border-radius:6px}
.vp-field{margin:14px 0}.vp-field label{display:inline-block;width:90px}
.vp-field input,.vp-field select{width:300px;padding:6px 8px}
button{background:#00be06;color:#fff;border:0;padding:8px 28px;border-radius:4px;font-size:15px;cursor:pointer}
.vp-error{color:#d4380d;background:#fff2e8;padding:8px 12px}.vp-ok{color:#389e0d}
.vp-busy{color:#ad6800;background:#fffbe6;padding:16px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #eee;padding:8px;text-align:left;font-size:14px}
.vp-captcha{display:inline-flex;gap:2px;padding:6px 14px;background:repeating-linear-gradient(35deg,#e8e8e8 0 4px,#f7f7f7 4px 9px);
 font:bold 26px Georgia,serif;letter-spacing:3px;user-select:none;border:1px solid #ccc}
.vp-captcha .g::before{content:attr(data-g)}
.vp2-buy{border:2px solid #e6c27a;padding:16px}.vp2-skus{list-style:none;padding:0;display:flex;gap:8px}
.vp2-skus li{border:1px solid #ccc;padding:8px}.vp2-pay{background:#e6c27a;color:#222}
footer{text-align:center;color:#999;font-size:12px;margin:24px}
`;

/** A full page: header with the logged-in account and balance, the nav, then `body`. */
export function page(title: string, viewer: Viewer | null, body: Html): string {
  const user = viewer
    ? html`<span class="vp-user">当前账号 <b id="current-user" data-testid="current-user">${viewer.username}</b>
        · 余额 <b id="portal-balance" data-testid="portal-balance">¥${yuan(viewer.balanceFen)}</b></span>`
    : null;
  const session = viewer
    ? html`<a class="vp-right" id="nav-logout" data-testid="nav-logout" href="${href('/logout')}">退出</a>`
    : html`<a class="vp-right" id="nav-login" data-testid="nav-login" href="${href('/login')}">登录</a>`;
  return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title} - ${PORTAL_TITLE}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${new Html(STYLE)}</style></head>
<body>
<header class="vp-header"><a class="vp-logo" href="${href('/recharge')}">爱奇艺<span>VIP会员</span></a>
<span class="vp-sandbox">沙箱</span>${user}</header>
<nav class="vp-nav" id="main-nav">
<a id="nav-recharge" href="${href('/recharge')}">充值</a><a id="nav-history" href="${href('/history')}">充值记录</a>
<a id="nav-redeem" href="${href('/redeem')}">兑换卡密</a><a id="nav-card-status" href="${href('/card-status')}">卡密查询</a>${session}
</nav>
<main class="vp-main">${body}</main>
<footer>KeyDesk 沙箱模拟页面，不连接真实的爱奇艺服务</footer>
</body></html>`.value;
}
