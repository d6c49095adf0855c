// 淘宝 `error_response` → the shared ChannelError kinds, with a message saying in Chinese what 淘宝 said.
import { ChannelError, banSecondsFrom, type ChannelErrorKind } from '../errors.js';

export interface TopErrorBody {
  code?: number | string;
  msg?: string;
  sub_code?: string;
  sub_msg?: string;
}

/** Used when a code 7 names no duration. */
export const DEFAULT_BAN_MS = 5_000;

/** TOP says "This ban will last 71 more seconds"; the sandbox says "… 3 seconds". Both → ms. */
export function topBanMs(text: string | undefined): number | undefined {
  const more = text ? /last\s+(\d+)\s+more\s+seconds?/i.exec(text) : null;
  return more ? Number(more[1]) * 1000 : banSecondsFrom(text);
}

export function topError(body: TopErrorBody): ChannelError {
  const code = Number(body.code);
  const sub = body.sub_code ?? '';
  const said = body.sub_msg || body.msg || '未说明原因';
  const details = {
    platformCode: sub || String(body.code ?? ''),
    platformMessage: [`code ${String(body.code ?? '?')}`, body.msg, body.sub_msg].filter(Boolean).join('；'),
  };
  const codeNote = `（错误码 ${String(body.code ?? '?')}${sub ? ` ${sub}` : ''}）`;
  const error = (kind: ChannelErrorKind, message: string, extra: { retryAfterMs?: number } = {}) =>
    new ChannelError(kind, `${message}${codeNote}`, { ...details, ...extra });

  if (code === 7) {
    const retryAfterMs = topBanMs(body.sub_msg) ?? topBanMs(body.msg) ?? DEFAULT_BAN_MS;
    return error('backoff', `淘宝接口调用次数超限，需等待 ${Math.ceil(retryAfterMs / 1000)} 秒`, { retryAfterMs });
  }
  if (sub.startsWith('isp.') || code === 10 || (code === 15 && !sub.startsWith('isv.'))) {
    return error('retry', `淘宝服务暂时出错：${said}`);
  }
  switch (code) {
    case 11:
    case 12:
      return error('give_up', `应用没有调用这个淘宝接口的权限：${said}`);
    case 24:
    case 25:
      return error('reauth', '淘宝签名校验失败：App Secret 不正确，请核对店铺凭证');
    case 26:
    case 27:
      return error('reauth', '淘宝授权（SessionKey）无效或已过期，请重新授权店铺');
    case 28:
    case 29:
      return error('reauth', '淘宝不认识这个 App Key，请核对店铺凭证');
    case 30:
    case 31:
      return error('give_up', '淘宝拒绝了请求时间：电脑时间与北京时间相差超过 10 分钟，请校准系统时间');
    case 40:
    case 41:
    case 43:
      return error('give_up', `淘宝说参数有误：${said}`);
    case 50:
      return error('give_up', `淘宝业务错误：${said}`);
    default:
      return error('give_up', `淘宝拒绝了请求：${said}`);
  }
}
