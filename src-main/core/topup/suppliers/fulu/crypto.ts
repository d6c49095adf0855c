// Card keys from 福禄 travel AES-256-ECB encrypted (PKCS#7 padding, base64), keyed by the App Secret.
// Decrypted secrets go straight back to the caller, who seals them: nothing here logs or keeps them.
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';

/**
 * The AES-256 key for an App Secret: its UTF-8 bytes when there are exactly 32 (福禄 issues 32-character
 * secrets), otherwise SHA-256 of those bytes. The second half of the rule is ours (the sandbox follows
 * it); a real secret of another length is *unconfirmed*.
 */
export function cardKey(appSecret: string): Buffer {
  const raw = Buffer.from(appSecret, 'utf8');
  return raw.length === 32 ? raw : createHash('sha256').update(raw).digest();
}

export function encryptCardText(plain: string, appSecret: string): string {
  const cipher = createCipheriv('aes-256-ecb', cardKey(appSecret), null);
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

/** undefined when the text is not base64 of an AES block sequence this key opens (wrong key, cut text). */
export function decryptCardText(encrypted: string, appSecret: string): string | undefined {
  const text = encrypted.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const data = Buffer.from(text, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-ecb', cardKey(appSecret), null);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
