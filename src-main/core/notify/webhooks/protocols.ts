// The three group-bot protocols: how a message is posted (body shape, where the signature goes) and what
// the platform's answer means, in Chinese, and whether trying again later can help. Pure.
import type { AlertChannelKind } from '../../../../src-shared/contract/index.js';
import type { HttpRequest, HttpResponse } from '../../channels/types.js';
import { asMarkdown, asText, type OutgoingMessage } from '../message.js';
import { dingtalkSign, feishuSign } from './sign.js';

export interface BotConfig {
  url: string;
  /** 钉钉 加签 / 飞书 签名校验 secret; 企业微信 bots have none (the key in the URL is the secret). */
  secret: string | null;
}

export interface BotAnswer {
  ok: boolean;
  /** The platform's error code (errcode / code), when it sent one. */
  code: number | null;
  message: string;
  /** Rate limits, server errors, network trouble: one more try later may work. A bad key or signature will not. */
  retryable: boolean;
}

export const PLATFORM_TITLES: Record<AlertChannelKind, string> = { wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' };
export const WEBHOOK_TIMEOUT_MS = 10_000;

export function buildRequest(kind: AlertChannelKind, config: BotConfig, m: OutgoingMessage, now: number): HttpRequest {
  const headers = { 'content-type': 'application/json; charset=utf-8' };
  switch (kind) {
    case 'wecom':
      return { method: 'POST', url: config.url, headers, timeoutMs: WEBHOOK_TIMEOUT_MS, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: asMarkdown(m) } }) };
    case 'dingtalk': {
      const url = new URL(config.url);
      if (config.secret) {
        url.searchParams.set('timestamp', String(now));
        url.searchParams.set('sign', dingtalkSign(now, config.secret));
      }
      const body = { msgtype: 'markdown', markdown: { title: [...m.headline].slice(0, 60).join(''), text: asMarkdown(m) } };
      return { method: 'POST', url: url.toString(), headers, timeoutMs: WEBHOOK_TIMEOUT_MS, body: JSON.stringify(body) };
    }
    case 'feishu': {
      const seconds = Math.floor(now / 1000);
      const signed = config.secret ? { timestamp: String(seconds), sign: feishuSign(seconds, config.secret) } : {};
      return { method: 'POST', url: config.url, headers, timeoutMs: WEBHOOK_TIMEOUT_MS, body: JSON.stringify({ ...signed, msg_type: 'text', content: { text: asText(m) } }) };
    }
  }
}

const OK: BotAnswer = { ok: true, code: 0, message: '发送成功', retryable: false };
const refuse = (code: number, message: string, retryable = false): BotAnswer => ({ ok: false, code, message, retryable });

function wecomAnswer(code: number, msg: string): BotAnswer {
  switch (code) {
    case 0: return OK;
    case 45009: return refuse(code, '企业微信限流：每个机器人每分钟最多发 20 条消息，稍后会自动再发一次', true);
    case 93000: return refuse(code, 'Webhook 地址无效（key 不存在或机器人已被移出群聊），请在企业微信群里重新复制机器人地址');
    case -1: return refuse(code, '企业微信系统繁忙，稍后会自动再发一次', true);
    case 40058: case 44004: return refuse(code, `企业微信认为消息内容不对（${msg}）`);
    default: return refuse(code, `企业微信拒绝了这条消息（错误码 ${code}：${msg}）`);
  }
}

function dingtalkAnswer(code: number, msg: string): BotAnswer {
  switch (code) {
    case 0: return OK;
    case 310000:
      if (/keyword/i.test(msg)) return refuse(code, '消息不含机器人安全设置里的自定义关键词：请在钉钉机器人设置里改用“加签”，或把“卡密工作台”加为关键词');
      if (/\bip\b/i.test(msg)) return refuse(code, '这台电脑的 IP 不在钉钉机器人的 IP 白名单里，请在机器人安全设置里添加');
      return refuse(code, '钉钉签名校验失败：加签密钥不对，或电脑时间与标准时间相差超过 1 小时。请在钉钉机器人安全设置里重新复制“加签”密钥（SEC 开头）');
    case 130101: return refuse(code, '钉钉限流：每个机器人每分钟最多发 20 条消息，稍后会自动再发一次', true);
    case 300001: return refuse(code, 'access_token 不存在：机器人可能已被删除，请在钉钉群里重新复制机器人地址');
    case -1: return refuse(code, '钉钉系统繁忙，稍后会自动再发一次', true);
    default: return refuse(code, `钉钉拒绝了这条消息（错误码 ${code}：${msg}）`);
  }
}

function feishuAnswer(code: number, msg: string): BotAnswer {
  switch (code) {
    case 0: return OK;
    case 19021: return refuse(code, '飞书签名校验失败：签名密钥不对，或电脑时间与标准时间相差超过 1 小时。请在飞书机器人安全设置里重新复制“签名校验”密钥');
    case 19001: return refuse(code, 'Webhook 地址无效（机器人不存在或已被移除），请在飞书群里重新复制机器人地址');
    case 19022: return refuse(code, '这台电脑的 IP 不在飞书机器人的 IP 白名单里，请在机器人安全设置里添加');
    case 19024: return refuse(code, '消息不含机器人安全设置里的自定义关键词：请在飞书机器人设置里改用“签名校验”，或把“卡密工作台”加为关键词');
    case 9499: return refuse(code, `飞书认为请求格式不对（${msg || 'Bad Request'}）`);
    case 11232: return refuse(code, '飞书限流：发送太频繁，稍后会自动再发一次', true);
    default: return refuse(code, `飞书拒绝了这条消息（错误码 ${code}：${msg}）`);
  }
}

function codeOf(kind: AlertChannelKind, body: Record<string, unknown>): { code: number; msg: string } | undefined {
  const pick = (codeKey: string, msgKey: string) =>
    typeof body[codeKey] === 'number' ? { code: body[codeKey], msg: typeof body[msgKey] === 'string' ? body[msgKey] : '' } : undefined;
  if (kind === 'feishu') return pick('code', 'msg') ?? pick('StatusCode', 'StatusMessage');
  return pick('errcode', 'errmsg');
}

/** What the platform answered, in the owner's words. A 200 is not enough: each platform puts its verdict in the body. */
export function readAnswer(kind: AlertChannelKind, response: HttpResponse): BotAnswer {
  const title = PLATFORM_TITLES[kind];
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    body = undefined;
  }
  const verdict = body && typeof body === 'object' ? codeOf(kind, body as Record<string, unknown>) : undefined;
  if (verdict) {
    const read = kind === 'wecom' ? wecomAnswer : kind === 'dingtalk' ? dingtalkAnswer : feishuAnswer;
    return read(verdict.code, verdict.msg);
  }
  if (response.status === 429) return { ok: false, code: null, message: `${title}限流（HTTP 429），稍后会自动再发一次`, retryable: true };
  if (response.status >= 500) return { ok: false, code: null, message: `${title}服务器出错（HTTP ${response.status}），稍后会自动再发一次`, retryable: true };
  if (response.status === 404) return { ok: false, code: null, message: `${title}找不到这个 Webhook 地址（HTTP 404），请重新复制机器人地址`, retryable: false };
  return { ok: false, code: null, message: `${title}的回答无法识别（HTTP ${response.status}）`, retryable: response.status < 400 };
}

/** The call never got an answer (timeout, refused connection). */
export function unreachable(kind: AlertChannelKind, err: unknown): BotAnswer {
  const reason = err instanceof Error ? err.message : String(err);
  return { ok: false, code: null, message: `${PLATFORM_TITLES[kind]}：${reason}，稍后会自动再发一次`, retryable: true };
}
