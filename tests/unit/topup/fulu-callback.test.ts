// 福禄 callbacks: signed like a request; a forged or altered one is refused, a garbled one is a bad request.
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import type { PushRequest } from '../../../src-main/core/channels/types.js';
import { fuluAdapter } from '../../../src-main/core/topup/suppliers/fulu/index.js';
import { signParams } from '../../../src-main/core/topup/suppliers/fulu/sign.js';
import { defaultSupplierAdapters, supplierAdapter } from '../../../src-main/core/topup/suppliers/registry.js';

const creds = { appKey: 'AK', appSecret: 'keydesk-sandbox-fulu-secret-0001' };

const fields = {
  order_id: '6123456789012345678',
  customer_order_no: 'KD-1',
  order_status: 'success',
  charge_finish_time: '2026-03-01 12:00:01',
  recharge_description: '充值成功',
};

const request = (body: string): PushRequest => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(body), query: new URLSearchParams() });
const signed = (f: Record<string, string>, secret = creds.appSecret) => JSON.stringify({ ...f, sign: signParams(f, secret) });

function refusal(body: string): ChannelError {
  try {
    fuluAdapter.parseCallback(creds, request(body));
  } catch (err) {
    expect(err).toBeInstanceOf(ChannelError);
    return err as ChannelError;
  }
  throw new Error('expected the callback to be refused');
}

describe('福禄 callback', () => {
  it('accepts a signed callback as a trigger carrying the claimed state', () => {
    expect(fuluAdapter.parseCallback(creds, request(signed(fields)))).toMatchObject({ customerOrderNo: 'KD-1', supplierOrderId: '6123456789012345678', state: 'success' });
    const failed = { ...fields, order_status: 'failed', refund_state: 'refunded' };
    expect(fuluAdapter.parseCallback(creds, request(signed(failed))).state).toBe('failed_refunded');
  });

  it('accepts the same fields form-encoded', () => {
    const form = new URLSearchParams({ ...fields, sign: signParams(fields, creds.appSecret) }).toString();
    expect(fuluAdapter.parseCallback(creds, request(form)).customerOrderNo).toBe('KD-1');
  });

  it('refuses a forged, altered or unsigned callback as bad_signature', () => {
    expect(refusal(signed(fields, 'someone-else')).kind).toBe('bad_signature');
    const altered = JSON.parse(signed(fields)) as Record<string, string>;
    altered.order_status = 'failed';
    const err = refusal(JSON.stringify(altered));
    expect(err.kind).toBe('bad_signature');
    expect(err.message).toMatch(/签名不对/);
    expect(refusal(JSON.stringify(fields)).kind).toBe('bad_signature');
  });

  it('refuses a garbled callback as bad_request', () => {
    expect(refusal('{"order_id": ').kind).toBe('bad_request');
    expect(refusal('[1,2]').kind).toBe('bad_request');
    expect(refusal('').kind).toBe('bad_request');
    expect(refusal(signed({ ...fields, order_status: 'weird' })).message).toMatch(/订单状态不认识：weird/);
    const { customer_order_no: _drop, ...missing } = fields;
    expect(refusal(signed(missing)).kind).toBe('bad_request');
  });

  it('acknowledges with plain success', () => {
    expect(fuluAdapter.callbackAck()).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', body: 'success' });
  });
});

describe('supplier registry', () => {
  it('has the 福禄 adapter with its form in Chinese', () => {
    expect(supplierAdapter('fulu')).toBe(fuluAdapter);
    expect(Object.keys(defaultSupplierAdapters())).toEqual(['fulu']);
    expect(fuluAdapter.credentialFields.map((f) => [f.key, f.required, f.secret])).toEqual([
      ['appKey', true, false],
      ['appSecret', true, true],
      ['appAuthToken', false, true],
      ['endpoint', false, false],
    ]);
    for (const f of fuluAdapter.credentialFields) expect(`${f.label}${f.help ?? ''}`).toMatch(/[\u4e00-\u9fff]/);
  });
});
