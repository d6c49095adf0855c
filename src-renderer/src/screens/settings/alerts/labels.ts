import type { AlertKind } from '../../../../../src-shared/contract/index.js';
import type { AlertChannelKind, AlertStatus } from '../../../../../src-shared/contract/methods/alerts.js';
import type { MessageKey } from '../../../i18n/index.js';

export const ALERT_KINDS: readonly AlertKind[] = [
  'out_of_stock', 'low_stock', 'topup_failed', 'portal_needs_human', 'restock', 'sync_error', 'shop_error',
  'redemption', 'risk_hold', 'hold_deadline', 'otp', 'backup', 'other',
];
export const CHANNEL_KINDS: readonly AlertChannelKind[] = ['wecom', 'dingtalk', 'feishu'];

export const kindLabel = (kind: AlertKind): MessageKey => `alerts.kind.${kind}`;
export const platformLabel = (kind: AlertChannelKind): MessageKey => `alerts.platform.${kind}`;

export const KIND_COLOR: Record<AlertKind, string> = {
  out_of_stock: 'red', low_stock: 'orange', topup_failed: 'red', portal_needs_human: 'volcano', restock: 'blue', sync_error: 'gold',
  shop_error: 'magenta', redemption: 'cyan', risk_hold: 'purple', hold_deadline: 'volcano', otp: 'geekblue', backup: 'lime', other: 'default',
};

export const STATUS_COLOR: Record<AlertStatus, string> = { waiting: 'processing', sent: 'success', muted: 'default', no_channel: 'warning', expired: 'default' };

/** The brand colour of each platform, for the small badge next to a bot's name. */
export const PLATFORM_COLOR: Record<AlertChannelKind, string> = { wecom: '#2b7cd3', dingtalk: '#1f7cff', feishu: '#00b2a9' };

/** What a real webhook URL of each platform looks like (placeholder of the URL field). */
export const URL_EXAMPLE: Record<AlertChannelKind, string> = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
};
