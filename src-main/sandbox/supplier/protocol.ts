// The 福禄 gateway's rules as the simulator enforces them: reply envelope and codes, the sorted-character
// MD5 signature, AES-256-ECB card encryption and the common request parameters. Written here on purpose
// and never imported from the adapter: two independent implementations catch each other's mistakes.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { parseBeijing } from '../platforms/units.js';
import type { SimRequest, SimResponse } from '../types.js';

/** Sandbox reply codes (see README): what each means, in the gateway's own words. */
export const CODE = {
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

/** Thrown by handlers; becomes the envelope (HTTP 200, `result` "", like the real gateway's refusals). */
export class FuluFail extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'FuluFail';
  }
}

/** md5(characters of `text` sorted by code point + secret), lower-case hex. */
export function sortedMd5(text: string, secret: string): string {
  const chars = [...text];
  chars.sort((a, b) => {
    const x = a.codePointAt(0) ?? 0;
    const y = b.codePointAt(0) ?? 0;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return createHash('md5').update(`${chars.join('')}${secret}`, 'utf8').digest('hex');
}

/** Signature of a parameter object (request or callback): everything but `sign`, JSON-serialised. */
export function paramsSign(params: Record<string, unknown>, secret: string): string {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (key !== 'sign') copy[key] = value;
  return sortedMd5(JSON.stringify(copy), secret);
}

export function envelope(code: number, message: string, result: string, sign: string, status = 200): SimResponse {
  return { status, body: { code, message, result, sign } };
}

/** The AES key: the secret's UTF-8 bytes when there are 32 of them, else their SHA-256. */
function aesKey(secret: string): Buffer {
  const bytes = Buffer.from(secret, 'utf8');
  return bytes.length === 32 ? bytes : createHash('sha256').update(bytes).digest();
}

export function encryptCard(plain: string, secret: string): string {
  const cipher = createCipheriv('aes-256-ecb', aesKey(secret), null);
  return Buffer.concat([cipher.update(Buffer.from(plain, 'utf8')), cipher.final()]).toString('base64');
}

/** undefined when it does not decrypt with this secret. */
export function decryptCard(base64: string, secret: string): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-ecb', aesKey(secret), null);
    return Buffer.concat([decipher.update(Buffer.from(base64, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Common parameters every call carries, all strings. */
const COMMON = ['method', 'timestamp', 'version', 'format', 'charset', 'sign_type', 'app_auth_token', 'biz_content'] as const;
const FIXED: Record<string, string> = { version: '2.0', format: 'json', charset: 'utf-8', sign_type: 'md5' };
const SKEW_MS = 10 * 60_000;

export interface GatewayMerchant {
  appSecret: string;
  appAuthToken: string;
}

export interface GatewayCall<M extends GatewayMerchant> {
  merchant: M;
  method: string;
  biz: Record<string, unknown>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads and checks one gateway request in the order the gateway does: app_key, signature, common
 * parameters, timestamp (±10 min), auth token, then biz_content (a JSON object inside a string).
 * Throws FuluFail; the caller knows the method table.
 */
export function readGatewayCall<M extends GatewayMerchant>(req: SimRequest, findMerchant: (appKey: string) => M | undefined, now: number): GatewayCall<M> {
  const params = req.json();
  if (!isPlainObject(params)) throw new FuluFail(CODE.missingParam, '请求体必须是 JSON 对象（Content-Type: application/json）');
  const appKey = params.app_key;
  if (typeof appKey !== 'string' || appKey === '') throw new FuluFail(CODE.missingParam, '缺少参数：app_key');
  const merchant = findMerchant(appKey);
  if (!merchant) throw new FuluFail(CODE.unknownAppKey, 'app_key 不存在');
  if (typeof params.sign !== 'string' || params.sign === '') throw new FuluFail(CODE.missingParam, '缺少参数：sign');
  if (params.sign.toLowerCase() !== paramsSign(params, merchant.appSecret)) throw new FuluFail(CODE.badSign, '签名验证失败');
  for (const key of COMMON) {
    if (params[key] === undefined || params[key] === null) throw new FuluFail(CODE.missingParam, `缺少参数：${key}`);
    if (typeof params[key] !== 'string') throw new FuluFail(key === 'biz_content' ? CODE.badBizContent : CODE.badParam, `参数 ${key} 必须是字符串`);
  }
  const p = params as Record<(typeof COMMON)[number], string>;
  for (const [key, value] of Object.entries(FIXED)) {
    if (params[key] !== value) throw new FuluFail(CODE.badParam, `参数 ${key} 只能是 ${value}`);
  }
  const sentAt = parseBeijing(p.timestamp);
  if (sentAt === undefined) throw new FuluFail(CODE.badTimestamp, '时间戳格式错误，应为 yyyy-MM-dd HH:mm:ss');
  if (Math.abs(now - sentAt) > SKEW_MS) throw new FuluFail(CODE.badTimestamp, '时间戳与服务器时间相差超过 10 分钟');
  if (p.app_auth_token !== merchant.appAuthToken) throw new FuluFail(CODE.badAuthToken, 'app_auth_token 无效或已过期');
  let biz: unknown;
  try {
    biz = JSON.parse(p.biz_content) as unknown;
  } catch {
    throw new FuluFail(CODE.badBizContent, 'biz_content 不是有效的 JSON 字符串');
  }
  if (!isPlainObject(biz)) throw new FuluFail(CODE.badBizContent, 'biz_content 必须是 JSON 对象字符串');
  return { merchant, method: p.method, biz };
}

/** A required string field of biz_content (numbers accepted as their digits). */
export function bizText(biz: Record<string, unknown>, key: string): string {
  const v = biz[key];
  const text = typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
  if (text === '') throw new FuluFail(CODE.missingParam, `缺少参数：${key}`);
  return text;
}

/** A required positive integer of biz_content (a number or a string of digits). */
export function bizCount(biz: Record<string, unknown>, key: string): number {
  const v = biz[key];
  if (v === undefined || v === null || v === '') throw new FuluFail(CODE.missingParam, `缺少参数：${key}`);
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < 1) throw new FuluFail(CODE.badParam, `参数 ${key} 必须是不小于 1 的整数`);
  return n;
}
