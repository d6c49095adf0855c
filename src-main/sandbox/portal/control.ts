// Control actions of the video portal (`POST /_control/video-portal/<action>`): seed accounts and cards,
// switch faults on and off, read the state. Bodies are zod-validated with Chinese messages.
import { z } from 'zod';
import type { MembershipWorld } from '../membership/world.js';
import { SandboxError } from '../http.js';
import { parseOrThrow } from '../validate.js';
import type { PortalFaults, PortalState } from './state.js';

const text = (label: string, max: number) =>
  z.string({ error: `${label}必须是字符串` }).trim().min(1, `${label}不能为空`).max(max, `${label}最多 ${max} 个字符`);
const millis = (label: string) =>
  z.number({ error: `${label}必须是数字（毫秒）` }).int(`${label}必须是整数（毫秒）`).nonnegative(`${label}不能为负数`).max(600_000, `${label}最多 600000 毫秒`);
const probability = (label: string) =>
  z.number({ error: `${label}必须是 0 到 1 之间的数字` }).min(0, `${label}必须在 0 到 1 之间`).max(1, `${label}必须在 0 到 1 之间`);
const strict = { error: (iss: { code?: string; keys?: string[] }) => (iss.code === 'unrecognized_keys' ? `不认识的字段：${(iss.keys ?? []).join('、')}` : undefined) };

const addAccountInput = z.strictObject(
  {
    username: text('用户名', 50),
    password: z.string({ error: '密码必须是字符串' }).min(1, '密码不能为空').max(100, '密码最多 100 个字符'),
    balanceFen: z.number({ error: '余额必须是数字（分）' }).int('余额必须是整数（分）').nonnegative('余额不能为负数'),
  },
  strict,
);

const setFaultsInput = z.strictObject(
  {
    slowMs: millis('slowMs').optional(),
    captcha: z
      .union([z.enum(['off', 'next', 'always']), z.number().int().nonnegative().max(1000)], { error: "captcha 只能是 'off'、'next'、'always' 或次数" })
      .optional(),
    expireSessions: z.literal(true, { error: 'expireSessions 只能是 true' }).optional(),
    sessionTtlMs: millis('sessionTtlMs').positive('sessionTtlMs 必须大于 0').optional(),
    duplicateTrap: probability('duplicateTrap').optional(),
    duplicateTrapStyle: z.enum(['busy', 'hang'], { error: "duplicateTrapStyle 只能是 'busy' 或 'hang'" }).optional(),
    hangMs: millis('hangMs').optional(),
    layout: z.enum(['v1', 'v2'], { error: "layout 只能是 'v1' 或 'v2'" }).optional(),
    rejectRate: probability('rejectRate').optional(),
  },
  strict,
);

const registerCardInput = z.strictObject(
  {
    secret: text('卡密', 200),
    cardNo: text('卡号', 100).optional(),
    packageId: text('套餐', 100),
    status: z.enum(['unused', 'invalid'], { error: "status 只能是 'unused' 或 'invalid'" }).optional(),
  },
  strict,
);

export function snapshot(state: PortalState): unknown {
  return {
    accounts: [...state.users.values()].map((u) => ({ username: u.username, balanceFen: u.balanceFen })),
    recharges: state.orders.map((o) => ({ ...o })),
    sessions: state.sessionCount,
    faults: { ...state.faults },
  };
}

export function portalControl(state: PortalState, world: MembershipWorld, action: string, body: unknown): unknown {
  switch (action) {
    case 'addAccount': {
      const input = parseOrThrow(addAccountInput, body, '添加网站账号');
      if (state.users.has(input.username)) throw new SandboxError(409, 'ACCOUNT_EXISTS', `网站账号已存在：${input.username}`);
      state.users.set(input.username, { ...input });
      return { username: input.username, balanceFen: input.balanceFen };
    }
    case 'setFaults': {
      const { expireSessions, captcha, ...rest } = parseOrThrow(setFaultsInput, body, '设置网站故障');
      const changes: Partial<PortalFaults> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      if (captcha !== undefined) changes.captcha = captcha === 'next' ? 1 : captcha === 0 ? 'off' : captcha;
      state.faults = { ...state.faults, ...changes };
      const expiredSessions = expireSessions ? state.expireSessions() : 0;
      return { faults: { ...state.faults }, expiredSessions };
    }
    case 'registerCard': {
      const input = parseOrThrow(registerCardInput, body, '登记卡密');
      if (world.card(input.secret)) throw new SandboxError(409, 'CARD_EXISTS', '这张卡密已经登记过');
      const card = world.issueCard({ secret: input.secret, cardNo: input.cardNo ?? null, packageId: input.packageId, status: input.status ?? 'unused' });
      return { ...card };
    }
    case 'state':
      return snapshot(state);
    default:
      throw new SandboxError(404, 'UNKNOWN_ACTION', `视频会员网站不支持操作：${action}`);
  }
}
