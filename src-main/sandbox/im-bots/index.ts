// The three group-bot receivers (企业微信 / 钉钉 / 飞书) the alerts send to in the demo and in tests.
import type { Simulator } from '../types.js';
import { createDingtalkBots } from './dingtalk.js';
import { createFeishuBots } from './feishu.js';
import { createWecomBots } from './wecom.js';

export { createWecomBots, SANDBOX_WECOM_BOT, WECOM_NAME } from './wecom.js';
export { createDingtalkBots, SANDBOX_DINGTALK_BOT, DINGTALK_NAME } from './dingtalk.js';
export { createFeishuBots, SANDBOX_FEISHU_BOT, FEISHU_NAME } from './feishu.js';
export type { Bot, ReceivedMessage } from './bot-book.js';

export function imBotSimulators(options: { clock?: () => number } = {}): Simulator[] {
  return [createWecomBots(options), createDingtalkBots(options), createFeishuBots(options)];
}
