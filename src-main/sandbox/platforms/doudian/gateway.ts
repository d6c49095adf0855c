// 抖店 open-platform gateway rules as the simulator enforces them: the response envelope, the common
// parameters and the request signature. The signing code is written here on purpose and never imported
// from the adapter: two independent implementations catch each other's mistakes.
import { createHash, createHmac } from 'node:crypto';
import type { SimRequest, SimResponse } from '../../types.js';
import { randomDigits } from '../store.js';

/** The gateway's own words for each top-level code (what `msg` says). */
export const CODE_MESSAGES: Record<number, string> = {
  10000: 'success',
  20000: '服务不可用',
  20001: '内部服务超时',
  30001: '操作权限不足',
  40001: '缺少必选参数（平台校验）',
  40002: '缺少必选参数（业务校验）',
  40003: '非法的参数（平台校验）',
  40004: '非法的参数（业务校验）',
  50001: '平台处理失败',
  50002: '业务处理失败',
  60000: '触发限流，请稍后重试',
  70000: '接口服务已下线',
  80000: '安全错误',
};

/** Thrown by handlers; turned into the platform envelope (always HTTP 200, like the real gateway). */
export class DoudianFail extends Error {
  constructor(
    readonly code: number,
    readonly subCode: string,
    readonly subMsg: string,
  ) {
    super(subMsg);
    this.name = 'DoudianFail';
  }
}

const logId = (): string => `2026${randomDigits(20)}`;

export function envelope(code: number, data: unknown, subCode = '', subMsg = '', status = 200): SimResponse {
  return {
    status,
    body: { code, msg: CODE_MESSAGES[code] ?? '其他异常', sub_code: subCode, sub_msg: subMsg, log_id: logId(), data },
  };
}

export const success = (data: unknown): SimResponse => envelope(10000, data);
export const failure = (f: DoudianFail): SimResponse => envelope(f.code, {}, f.subCode, f.subMsg);

/** param_json as the gateway reads it: object keys sorted at every depth, arrays kept in order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortDeep(value));
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, sortDeep(obj[k])]),
    );
  }
  return value;
}

/** secret + app_key… + method… + param_json… + timestamp… + v… + secret, hashed per sign_method. */
export function gatewaySign(
  signMethod: 'hmac-sha256' | 'md5',
  secret: string,
  p: { appKey: string; method: string; paramJson: string; timestamp: string; v: string },
): string {
  const s = `${secret}app_key${p.appKey}method${p.method}param_json${p.paramJson}timestamp${p.timestamp}v${p.v}${secret}`;
  return signMethod === 'md5'
    ? createHash('md5').update(s, 'utf8').digest('hex')
    : createHmac('sha256', secret).update(s, 'utf8').digest('hex');
}

/** Push signature: md5(app_key + raw body + app_secret), lower-case hex. */
export function pushSign(appKey: string, body: string, secret: string): string {
  return createHash('md5').update(`${appKey}${body}${secret}`, 'utf8').digest('hex');
}

/** Unix seconds, or `yyyy-MM-dd HH:mm:ss` read as Beijing time (older SDKs send that form). */
export function parseGatewayTimestamp(raw: string): number | undefined {
  if (/^\d{9,11}$/.test(raw)) return Number(raw) * 1000;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(raw);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h - 8, mi, s);
}

export interface CommonParams {
  appKey: string;
  method: string;
  timestamp: string;
  v: string;
  sign: string;
  signMethod: string;
  accessToken: string;
  paramJson: string;
  params: Record<string, unknown>;
}

/** Reads the query's common parameters and the JSON body, or throws the gateway's own error. */
export function readCommon(req: SimRequest): CommonParams {
  const q = (k: string) => req.query.get(k) ?? '';
  const appKey = q('app_key');
  if (!appKey) throw new DoudianFail(40001, 'isv.app-id-missing', '认证失败，app_key不存在');
  const sign = q('sign');
  if (!sign) throw new DoudianFail(40001, 'isv.signature-missing', '获取签名失败，请根据文档确保参数拼装正确');
  const text = req.body.toString('utf8').trim();
  let parsed: unknown = {};
  if (text !== '') {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      throw new DoudianFail(40003, 'isv.parameter-format-invalid', '业务参数json解析失败');
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DoudianFail(40003, 'isv.parameter-format-invalid', '业务参数json解析失败，param_json 必须是对象');
  }
  return {
    appKey,
    method: q('method'),
    timestamp: q('timestamp'),
    v: q('v'),
    sign,
    signMethod: q('sign_method') || 'md5',
    accessToken: q('access_token'),
    paramJson: canonicalJson(parsed),
    params: parsed as Record<string, unknown>,
  };
}

/** Integer parameter given as a number or a numeric string; undefined when absent, NaN when garbage. */
export function intParam(params: Record<string, unknown>, key: string): number | undefined {
  const v = params[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number.NaN;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return Number.NaN;
}

export function strParam(params: Record<string, unknown>, key: string): string {
  const v = params[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
