import { randomBytes } from 'node:crypto';

// Crockford base32: no I, L, O, U, so a key copied by hand from paper survives common misreadings.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 160 random bits shown as 8 groups of 4 characters, e.g. `K3X8-…`. */
export function newRecoveryKey(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** Accepts what a person types: any case, spaces or dashes, O for 0, I/L for 1. */
export function normaliseRecoveryKey(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-－—]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}
