// What an alert says: one alert alone, or a window's worth of one kind grouped into one message
// (「【缺货】5 分钟内 7 条提醒：…另有 2 条」). Pure; each platform only chooses text or markdown.
import type { AlertKind } from '../../../src-shared/contract/index.js';
import { formatTime } from '../../../src-shared/format.js';

export const KIND_TITLES: Record<AlertKind, string> = {
  low_stock: '库存不足',
  out_of_stock: '缺货',
  topup_failed: '代充失败',
  portal_needs_human: '充值网站需人工处理',
  restock: '自动补货',
  sync_error: '同步失败',
  shop_error: '店铺异常',
  redemption: '核销',
  risk_hold: '风控拦截',
  hold_deadline: '发货期限将到',
  otp: '二次验证',
  backup: '备份',
  other: '提醒',
};

/** A grouped message lists this many alerts, then "…另有 N 条". */
export const GROUP_LISTED = 5;
/** Long alert texts are cut so a grouped message stays inside 企业微信's 4096-byte markdown limit. */
const LINE_MAX = 200;
const HEADLINE_MAX = 500;

export interface OutgoingMessage {
  kind: AlertKind;
  /** 【缺货】… — also the desktop notification's body first line and 钉钉's markdown title. */
  headline: string;
  lines: string[];
  more: number;
  at: number;
}

const cut = (text: string, max: number): string => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

/** One alert goes out as its own text; two or more as one message listing the first few. */
export function composeMessage(kind: AlertKind, messages: string[], throttleMinutes: number, at: number): OutgoingMessage {
  const title = KIND_TITLES[kind];
  if (messages.length === 1) return { kind, headline: cut(`【${title}】${messages[0]!}`, HEADLINE_MAX), lines: [], more: 0, at };
  return {
    kind,
    headline: `【${title}】${throttleMinutes} 分钟内 ${messages.length} 条提醒：`,
    lines: messages.slice(0, GROUP_LISTED).map((m) => cut(m, LINE_MAX)),
    more: Math.max(0, messages.length - GROUP_LISTED),
    at,
  };
}

export function testMessage(channelName: string, at: number): OutgoingMessage {
  return { kind: 'other', headline: `【测试】卡密工作台提醒已接通：「${channelName}」会收到缺货、代充失败、同步出错等提醒。`, lines: [], more: 0, at };
}

const footer = (m: OutgoingMessage): string => `卡密工作台 · ${formatTime(m.at)}`;
const moreLine = (m: OutgoingMessage): string[] => (m.more > 0 ? [`…另有 ${m.more} 条`] : []);

export function asText(m: OutgoingMessage): string {
  return [m.headline, ...m.lines.map((l, i) => `${i + 1}. ${l}`), ...moreLine(m), footer(m)].join('\n');
}

/** Markdown both 企业微信 and 钉钉 render (钉钉 needs blank lines between paragraphs). */
export function asMarkdown(m: OutgoingMessage): string {
  return [`**${m.headline}**`, ...m.lines.map((l, i) => `${i + 1}. ${l}`), ...moreLine(m), `> ${footer(m)}`].join('\n\n');
}

/** Desktop notifications: a short title, the rest in the body. */
export function asDesktop(m: OutgoingMessage): { title: string; body: string } {
  const title = `卡密工作台 · ${KIND_TITLES[m.kind]}`;
  const body = [m.headline.replace(/^【[^】]+】/, ''), ...m.lines.slice(0, 3).map((l) => `· ${l}`), ...(m.lines.length > 3 || m.more > 0 ? [`…共 ${m.lines.length + m.more} 条`] : [])].join('\n');
  return { title, body };
}
