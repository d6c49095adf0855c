// 福禄 signing and card encryption, pinned to vectors and checked against the sandbox's own (independent)
// implementation, so the adapter and the simulator cannot drift apart unnoticed.
import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { requestBody } from '../../../src-main/core/topup/suppliers/fulu/client.js';
import { cardKey, decryptCardText, encryptCardText } from '../../../src-main/core/topup/suppliers/fulu/crypto.js';
import { signParams, signReply, signText, sortChars } from '../../../src-main/core/topup/suppliers/fulu/sign.js';
import { decryptCard, encryptCard, paramsSign, sortedMd5 } from '../../../src-main/sandbox/supplier/protocol.js';

const SECRET = '0a091b3aa4324435aab703142518a8f7';
const PARAMS = {
  app_key: 'i4esv1l+76l/7NQCL3QudG90Fq+YgVfF',
  method: 'fulu.order.direct.add',
  timestamp: '2026-03-01 12:00:00',
  version: '2.0',
  format: 'json',
  charset: 'utf-8',
  sign_type: 'md5',
  app_auth_token: '',
  biz_content: '{"product_id":10000101,"customer_order_no":"KD202603010001","charge_account":"13800000000","buy_num":1}',
};

describe('福禄 signature', () => {
  it('signs md5(sorted characters of the JSON without sign + secret), pinned', () => {
    expect(signParams(PARAMS, SECRET)).toBe('2a73026418acff5a6100df7ff9c6cfe7');
    expect(signParams({ ...PARAMS, sign: 'whatever' }, SECRET)).toBe('2a73026418acff5a6100df7ff9c6cfe7');
    expect(paramsSign(PARAMS, SECRET)).toBe('2a73026418acff5a6100df7ff9c6cfe7');
  });

  it('is the md5 of the sorted serialisation, so key order does not matter but every character does', () => {
    const text = JSON.stringify(PARAMS);
    const sorted = [...text].sort().join('');
    expect(signText(text, SECRET)).toBe(createHash('md5').update(sorted + SECRET).digest('hex'));
    const reversed = Object.fromEntries(Object.entries(PARAMS).reverse());
    expect(signParams(reversed, SECRET)).toBe(signParams(PARAMS, SECRET));
    expect(signParams({ ...PARAMS, timestamp: '2026-03-01 12:00:01' }, SECRET)).not.toBe(signParams(PARAMS, SECRET));
    expect(signParams(PARAMS, `${SECRET}x`)).not.toBe(signParams(PARAMS, SECRET));
  });

  it('sorts characters by code point: a permutation, in order, astral characters last', () => {
    for (const text of ['', 'cba', '{"b":"充值","a":1}', 'z\uFFFF😀a', '卡密ABCabc123']) {
      const out = sortChars(text);
      expect([...out].sort().join('')).toBe([...text].sort().join(''));
      const points = [...out].map((c) => c.codePointAt(0) ?? 0);
      expect(points).toEqual([...points].sort((x, y) => x - y));
    }
    // UTF-16 code-unit order would put the emoji's surrogates before U+FFFF.
    expect(sortChars('\uFFFF😀a')).toBe('a\uFFFF😀');
    expect(signText('z\uFFFF😀a中', SECRET)).toBe(sortedMd5('z\uFFFF😀a中', SECRET));
  });

  it('signs a reply over its result string, pinned', () => {
    const result = '{"balance":5000,"name":"演示"}';
    expect(signReply(result, SECRET)).toBe('33b5e29acfcce15d3a906ebf18c7d3de');
    expect(sortedMd5(result, SECRET)).toBe('33b5e29acfcce15d3a906ebf18c7d3de');
  });

  it('builds a request with every common parameter, biz_content as a string and Beijing time', () => {
    const now = Date.parse('2026-03-01T04:00:00Z');
    const body = JSON.parse(requestBody({ appKey: 'AK', appSecret: SECRET, appAuthToken: 'TOKEN' }, 'fulu.user.info.get', { a: 1 }, now)) as Record<string, string>;
    expect(body).toMatchObject({
      app_key: 'AK',
      method: 'fulu.user.info.get',
      timestamp: '2026-03-01 12:00:00',
      version: '2.0',
      format: 'json',
      charset: 'utf-8',
      sign_type: 'md5',
      app_auth_token: 'TOKEN',
      biz_content: '{"a":1}',
    });
    expect(body.sign).toBe(paramsSign(body, SECRET));
  });
});

describe('福禄 card encryption (AES-256-ECB, base64)', () => {
  it('uses a 32-byte secret as the key itself, pinned', () => {
    expect(cardKey(SECRET)).toEqual(Buffer.from(SECRET, 'utf8'));
    expect(encryptCardText('ABCD-EFGH-2345-6789', SECRET)).toBe('+56aOsbzs8O+DcAZ3OFoPsg4IFWH3SURGXu81dOZF/s=');
    expect(decryptCardText('+56aOsbzs8O+DcAZ3OFoPsg4IFWH3SURGXu81dOZF/s=', SECRET)).toBe('ABCD-EFGH-2345-6789');
  });

  it('derives the key of any other secret by SHA-256', () => {
    const short = 'short-secret';
    const key = createHash('sha256').update(short, 'utf8').digest();
    expect(cardKey(short)).toEqual(key);
    const cipher = createCipheriv('aes-256-ecb', key, null);
    const expected = Buffer.concat([cipher.update('卡密-1', 'utf8'), cipher.final()]).toString('base64');
    expect(encryptCardText('卡密-1', short)).toBe(expected);
  });

  it('round-trips, agrees with the sandbox both ways, and refuses a wrong key or garbage', () => {
    for (const secret of [SECRET, 'x', '一个中文密钥']) {
      for (const plain of ['A', 'ABCD-EFGH-2345-6789', '卡密带中文', 'x'.repeat(64)]) {
        expect(decryptCardText(encryptCardText(plain, secret), secret)).toBe(plain);
        expect(decryptCard(encryptCardText(plain, secret), secret)).toBe(plain);
        expect(decryptCardText(encryptCard(plain, secret), secret)).toBe(plain);
      }
    }
    const sealed = encryptCardText('ABCD-EFGH-2345-6789', SECRET);
    expect(decryptCardText(sealed, 'another-secret-of-32-characters!')).not.toBe('ABCD-EFGH-2345-6789');
    expect(decryptCardText('not base64 at all', SECRET)).toBeUndefined();
    expect(decryptCardText('QUJD', SECRET)).toBeUndefined();
    expect(decryptCardText('', SECRET)).toBeUndefined();
  });
});
