// Webhook URLs: which shape each platform's bot URL has, the sandbox's simulated bots, and the masked form
// the owner sees. Pure.
import { HTTP_URL, WEBHOOK_URL_NOT_HTTP, type AlertChannelKind } from '../../../../src-shared/contract/index.js';
import { maskSecret } from '../../../../src-shared/mask.js';

interface Shape {
  title: string;
  /** What the owner should paste, shown when the URL does not fit. */
  example: string;
  fits(url: URL): boolean;
}

const hookToken = (url: URL): string | undefined => {
  const m = /\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(url.pathname);
  return m?.[1];
};

export const WEBHOOK_SHAPES: Record<AlertChannelKind, Shape> = {
  wecom: {
    title: '企业微信',
    example: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
    fits: (u) => u.protocol === 'https:' && u.hostname === 'qyapi.weixin.qq.com' && u.pathname === '/cgi-bin/webhook/send' && Boolean(u.searchParams.get('key')),
  },
  dingtalk: {
    title: '钉钉',
    example: 'https://oapi.dingtalk.com/robot/send?access_token=…',
    fits: (u) => u.protocol === 'https:' && u.hostname === 'oapi.dingtalk.com' && u.pathname === '/robot/send' && Boolean(u.searchParams.get('access_token')),
  },
  feishu: {
    title: '飞书',
    example: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
    fits: (u) => u.protocol === 'https:' && (u.hostname === 'open.feishu.cn' || u.hostname === 'open.larksuite.com') && Boolean(hookToken(u)),
  },
};

export type UrlCheck = { ok: true; sandbox: boolean } | { ok: false; message: string };

/**
 * A URL is accepted when it is http(s) and either has its platform's shape or points into the running
 * sandbox (whose simulated bots check the rest themselves). The message names the field.
 */
export function checkWebhookUrl(kind: AlertChannelKind, raw: string, sandboxUrl: string | undefined): UrlCheck {
  if (!HTTP_URL.test(raw)) return { ok: false, message: WEBHOOK_URL_NOT_HTTP };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'Webhook 地址格式不正确，请从群机器人设置里完整复制' };
  }
  if (sandboxUrl && raw.startsWith(`${sandboxUrl.replace(/\/$/, '')}/`)) return { ok: true, sandbox: true };
  const shape = WEBHOOK_SHAPES[kind];
  if (shape.fits(url)) return { ok: true, sandbox: false };
  return { ok: false, message: `Webhook 地址不是${shape.title}群机器人的地址，应形如 ${shape.example}` };
}

/** `https://oapi.dingtalk.com/robot/send?access_token=1a2b****9f`: enough to tell bots apart, never to use. */
export function maskWebhookUrl(raw: string): string {
  const url = new URL(raw);
  const segments = url.pathname.split('/');
  const hook = segments.lastIndexOf('hook');
  if (hook >= 0 && hook < segments.length - 1) segments[hook + 1] = maskSecret(decodeURIComponent(segments[hook + 1]!));
  const query = [...url.searchParams].map(([k, v]) => `${k}=${maskSecret(v)}`).join('&');
  return `${url.origin}${segments.join('/')}${query ? `?${query}` : ''}`;
}
