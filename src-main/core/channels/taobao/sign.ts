// TOP request signature: every parameter except `sign` and empty values, keys in ASCII order, joined as
// `k1v1k2v2…`; md5 = MD5(secret + s + secret), hmac = HMAC-MD5, hmac-sha256 = HMAC-SHA256; hex upper case.
import { createHash, createHmac } from 'node:crypto';

export type TopSignMethod = 'md5' | 'hmac' | 'hmac-sha256';

export function topSignBase(params: Record<string, string>): string {
  return Object.entries(params)
    .filter(([key, value]) => key !== 'sign' && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => key + value)
    .join('');
}

export function topSign(params: Record<string, string>, secret: string, method: TopSignMethod): string {
  const base = topSignBase(params);
  switch (method) {
    case 'md5':
      return createHash('md5').update(secret + base + secret, 'utf8').digest('hex').toUpperCase();
    case 'hmac':
      return createHmac('md5', secret).update(base, 'utf8').digest('hex').toUpperCase();
    case 'hmac-sha256':
      return createHmac('sha256', secret).update(base, 'utf8').digest('hex').toUpperCase();
  }
}
