// 福禄 reply codes → ChannelError kinds. Pure and table-tested: the top-up desk only ever sees the kind,
// the owner sees a Chinese sentence naming what 福禄 said. The numbers are those the sandbox speaks (see
// README); 福禄 publishes no full table, so an unknown code is read by the words of its message too.
import { ChannelError, banSecondsFrom } from '../../../channels/errors.js';

export const TITLE = '福禄';

export interface FuluEnvelope {
  code: number;
  message: string;
  /** A JSON string on success; "" on an error. */
  result: string;
  sign: string;
}

export const FULU_CODES = {
  ok: 0,
  busy: 1000,
  missingParam: 1001,
  unknownAppKey: 1002,
  badTimestamp: 1003,
  badSign: 1004,
  badAuthToken: 1005,
  unknownMethod: 1006,
  badBizContent: 1007,
  badParam: 1008,
  rateLimited: 1009,
  lowBalance: 2001,
  noSuchGoods: 3001,
  goodsOffSale: 3002,
  wrongGoodsKind: 3003,
  badAccount: 3004,
  duplicateOrder: 4001,
  noSuchOrder: 4002,
  noSuchCard: 5001,
} as const;

/** 1009 names no duration: wait this long before the next call. */
export const DEFAULT_BACKOFF_MS = 2_000;

/** The add was refused because this customer_order_no was used before: nothing new was bought. */
export function isDuplicateOrder(env: FuluEnvelope): boolean {
  if (env.code === FULU_CODES.duplicateOrder) return true;
  return env.code !== 0 && /订单号.{0,6}(重复|已存在)|重复.{0,4}(下单|订单)/.test(env.message);
}

/** info.get for a customer_order_no 福禄 has never seen. */
export function isUnknownOrder(env: FuluEnvelope): boolean {
  if (env.code === FULU_CODES.noSuchOrder) return true;
  return env.code !== 0 && /订单.{0,4}不存在/.test(env.message);
}

type Kind = ChannelError['kind'];

const BY_CODE: Record<number, [Kind, string]> = {
  [FULU_CODES.busy]: ['retry', '福禄系统繁忙'],
  [FULU_CODES.missingParam]: ['give_up', '福禄认为请求缺少参数'],
  [FULU_CODES.unknownAppKey]: ['reauth', '福禄不认识这个 AppKey，请检查是否填对'],
  [FULU_CODES.badTimestamp]: ['give_up', '福禄拒绝了请求时间（请校准电脑时间）'],
  [FULU_CODES.badSign]: ['bad_signature', '福禄签名校验失败，请检查 AppSecret 是否填对'],
  [FULU_CODES.badAuthToken]: ['reauth', '福禄授权令牌（app_auth_token）无效或已过期，请重新填写'],
  [FULU_CODES.unknownMethod]: ['give_up', '福禄不提供这个接口'],
  [FULU_CODES.badBizContent]: ['give_up', '福禄认为请求参数不合法'],
  [FULU_CODES.badParam]: ['give_up', '福禄认为请求参数不合法'],
  [FULU_CODES.rateLimited]: ['backoff', '福禄限流'],
  [FULU_CODES.lowBalance]: ['give_up', '福禄账户余额不足，请先到福禄后台充值'],
  [FULU_CODES.noSuchGoods]: ['give_up', '福禄没有这个商品，请检查商品编号'],
  [FULU_CODES.goodsOffSale]: ['give_up', '福禄这个商品已下架或缺货'],
  [FULU_CODES.wrongGoodsKind]: ['give_up', '商品类型与下单方式不符（直充商品走直充，卡密商品走卡密）'],
  [FULU_CODES.badAccount]: ['give_up', '充值账号格式不对，福禄拒绝下单'],
  [FULU_CODES.duplicateOrder]: ['give_up', '福禄说这个外部订单号已用过'],
  [FULU_CODES.noSuchOrder]: ['give_up', '福禄查不到这笔订单'],
  [FULU_CODES.noSuchCard]: ['give_up', '福禄查不到这张卡密'],
};

/** For codes outside the table: the message's words, else a refusal. */
function byWords(message: string): [Kind, string] {
  if (/签名/.test(message)) return ['bad_signature', '福禄签名校验失败，请检查 AppSecret 是否填对'];
  if (/频繁|限流|超限/.test(message)) return ['backoff', '福禄限流'];
  if (/繁忙|超时|稍后/.test(message)) return ['retry', '福禄系统繁忙'];
  if (/app_?key/i.test(message)) return ['reauth', '福禄不认识这个 AppKey，请检查是否填对'];
  if (/token|授权/i.test(message)) return ['reauth', '福禄授权令牌无效或已过期，请重新填写'];
  return ['give_up', '福禄拒绝了请求'];
}

export function fuluError(env: FuluEnvelope): ChannelError {
  const said = env.message || '未说明原因';
  const [kind, text] = BY_CODE[env.code] ?? byWords(said);
  const details = {
    platformCode: env.code,
    platformMessage: said,
    ...(kind === 'backoff' && { retryAfterMs: banSecondsFrom(said) ?? DEFAULT_BACKOFF_MS }),
  };
  return new ChannelError(kind, `${text}：${said}（福禄 ${env.code}）`, details);
}
