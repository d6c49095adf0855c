import { createCipheriv, createDecipheriv, randomBytes, hkdfSync, createHmac, scrypt } from 'node:crypto';
import { KeyDeskError } from '../../../src-shared/contract/errors.js';

/**
 * AES-256-GCM with a random 96-bit IV and the caller's AAD. Layout: iv(12) | tag(16) | ciphertext.
 * The AAD binds a ciphertext to its row, so a secret copied onto another row fails to open.
 */
export function seal(key: Buffer, plaintext: Buffer, aad: string, iv: Buffer = randomBytes(12)): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

export function open(key: Buffer, blob: Buffer, aad: string): Buffer {
  if (blob.length < 28) throw new KeyDeskError('VAULT_CORRUPT_SECRET', { reason: 'too short' });
  const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(blob.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]);
  } catch {
    throw new KeyDeskError('VAULT_CORRUPT_SECRET');
  }
}

/** Sub-keys for separate jobs (blind index, audit MAC) so no key is used for two purposes. */
export function deriveKey(ikm: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, Buffer.alloc(0), info, 32));
}

export function hmacHex(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}
/** OWASP's scrypt floor (N=2^17, r=8, p=1): ~0.3 s and 128 MiB per unlock, cheap for one user. */
export const DEFAULT_SCRYPT: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

/** Runs on libuv's thread pool: a ~0.8 s derivation must not freeze the window or the server. */
export function scryptKey(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export function random32(): Buffer {
  return randomBytes(32);
}
