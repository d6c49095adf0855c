// 拼多多 POP request signature. Pure: the same parameters always give the same sign, so it is unit-tested
// against vectors built by hand.
import { createHash } from 'node:crypto';

export type PddParams = Record<string, unknown>;

/**
 * The text one parameter contributes: strings as they are, numbers in decimal, booleans lower case,
 * objects and arrays as JSON. `undefined` means the parameter is left out (null / undefined).
 */
export function signText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** The parameters as they go on the wire: nulls dropped (the gateway signs only what it receives). */
export function withoutNulls(params: PddParams): PddParams {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null && v !== undefined));
}

/** MD5(client_secret + key1value1key2value2… + client_secret), upper-case hex; keys in ASCII order. */
export function pddSign(params: PddParams, clientSecret: string): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of Object.entries(params)) {
    if (key === 'sign') continue;
    const text = signText(value);
    if (text !== undefined) pairs.push([key, text]);
  }
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const body = pairs.map(([k, v]) => k + v).join('');
  return createHash('md5').update(clientSecret + body + clientSecret, 'utf8').digest('hex').toUpperCase();
}
