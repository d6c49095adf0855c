// The rules KeyDesk ships with, in their shipped order. Seeded once; "恢复内置规则" re-adds the missing ones
// by `builtInKey`, never touching the owner's edits or custom rules.
import type { RiskRuleDraft } from '../../../src-shared/risk/rules.js';

export interface DefaultRule {
  key: string;
  rule: RiskRuleDraft;
}

export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    key: 'whitelist_allow',
    rule: { name: '白名单放行', enabled: true, mode: 'enforce', action: 'allow', score: 0, conditions: [{ field: 'list', list: 'white', subject: 'any' }],
      note: '买家、手机号、邮箱、设备或 IP 在白名单上：直接发货，下面的规则不再检查' },
  },
  {
    key: 'blacklist_block',
    rule: { name: '黑名单拦截', enabled: true, mode: 'enforce', action: 'block', score: 100, conditions: [{ field: 'list', list: 'black', subject: 'any' }],
      note: '买家、手机号、邮箱、设备或 IP 在黑名单上：拦截，不发货' },
  },
  {
    key: 'platform_flag',
    rule: { name: '平台风控标记', enabled: true, mode: 'enforce', action: 'review', score: 40, conditions: [{ field: 'risk_flag', flags: [] }],
      note: '平台标记了风险订单（如抖店 80000）：转人工审核' },
  },
  {
    key: 'buyer_velocity',
    rule: { name: '同一买家 1 小时内超过 3 单', enabled: true, mode: 'enforce', action: 'review', score: 30,
      conditions: [{ field: 'velocity', subject: 'buyer', windowMinutes: 60, op: 'gt', count: 3 }],
      note: '跨店铺识别同一买家（手机号、邮箱、平台账号或昵称），1 小时内第 4 单起转人工审核' },
  },
  {
    key: 'new_buyer_high_value',
    rule: { name: '新买家大额订单', enabled: true, mode: 'enforce', action: 'delay', delayMinutes: 10, score: 20,
      conditions: [{ field: 'new_buyer', value: true }, { field: 'amount', op: 'gte', fen: 20_000 }],
      note: '第一次下单且金额不低于 200 元：延迟 10 分钟发货（给平台和买家留出反应时间），不会超过发货时限' },
  },
  {
    key: 'ip_velocity',
    rule: { name: '同一 IP 1 小时内超过 10 单', enabled: true, mode: 'observe', action: 'review', score: 20,
      conditions: [{ field: 'velocity', subject: 'ip', windowMinutes: 60, op: 'gt', count: 10 }],
      note: '仅观察：记录命中次数，不拦单。确认不会误伤（如网吧、公司共用网络）后可改为生效' },
  },
];
