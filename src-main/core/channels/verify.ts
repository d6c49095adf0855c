// Checking a signed push. Every platform signs with a hex digest; comparing it with `===` would leak, by
// timing, how many leading characters of a forged signature were right, so the comparison takes the
// same time wherever the first difference is.
import { timingSafeEqual } from 'node:crypto';
import type { PushRequest } from './types.js';

/** Constant-time comparison of two hex strings, ignoring case (platforms differ on upper / lower hex). */
export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase(), 'utf8');
  const y = Buffer.from(b.toLowerCase(), 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A push header by case-insensitive name (the first value when repeated); undefined when absent. */
export function pushHeader(headers: PushRequest['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
