// 有赞云 wire details as the sandbox answers them: the four answer shapes (token endpoint, gateway
// `gw_err_resp`, 4.x `success:false`, 3.x `error_response`) and order-number stamps. Written apart from
// core/channels/youzan on purpose: two independent implementations catch each other's bugs.
import { randomBytes } from 'node:crypto';
import type { SimResponse } from '../../types.js';
import { formatBeijing } from '../units.js';

const traceId = (): string => `yz7-0a${randomBytes(8).toString('hex')}`;

/** Success of any API version. */
export const ok = (data: unknown): SimResponse => ({
  status: 200,
  body: { trace_id: traceId(), code: 200, success: true, message: 'successful', data },
});

/** A 4.x API refusing the request after it reached the business service. */
export const bizError = (code: number, message: string, data: unknown = null): SimResponse => ({
  status: 200,
  body: { trace_id: traceId(), code, success: false, message, data },
});

/** A 3.x API refusing the request. */
export const legacyError = (code: number, msg: string): SimResponse => ({ status: 200, body: { error_response: { code, msg } } });

/** The gateway refusing before any API runs (path, token, rate limit…): still HTTP 200. */
export const gatewayError = (code: number, msg: string): SimResponse => ({
  status: 200,
  body: { gw_err_resp: { trace_id: traceId(), err_code: code, err_msg: msg } },
});

/** `/auth/token` failure. */
export const tokenError = (code: number, message: string): SimResponse => ({ status: 200, body: { success: false, code, data: null, message } });

/** `yyyyMMddHHmmss` Beijing: the head of 有赞 order and refund numbers. */
export const compactBeijing = (ms: number): string => formatBeijing(ms).replace(/\D/g, '');

/** An integer parameter sent as a JSON number or a numeric string; undefined when absent, NaN when junk. */
export function intParam(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) ? n : Number.NaN;
}
