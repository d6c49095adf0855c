/** Mirrors the vault's rule (VAULT_WEAK_PASSPHRASE) so the form can say so before the round trip. */
export const MIN_PASSPHRASE_LENGTH = 8;

export type Strength = 'too-short' | 'weak' | 'fair' | 'strong';

/**
 * A hint, not a gate: length counts most, then mixing kinds of characters. Chinese characters count
 * as their own kind, since a phrase in Chinese is a perfectly good passphrase.
 */
export function passphraseStrength(value: string): Strength {
  const length = [...value].length;
  if (length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^\w\s\u4e00-\u9fff]/, /[\u4e00-\u9fff]/].filter((re) => re.test(value)).length;
  const score = (length >= 12 ? 2 : length >= 10 ? 1 : 0) + (kinds >= 3 ? 2 : kinds === 2 ? 1 : 0);
  if (score >= 3) return 'strong';
  if (score >= 1) return 'fair';
  return 'weak';
}
