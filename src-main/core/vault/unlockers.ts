import { randomBytes } from 'node:crypto';
import { KeyDeskError } from '../../../src-shared/contract/errors.js';
import { seal, open, deriveKey, scryptKey, type ScryptCost } from './cipher.js';
import { normaliseRecoveryKey } from './recovery-key.js';

/**
 * How the key-encryption key (KEK) is sealed for each way of unlocking. Pure functions: the vault
 * decides where the sealed text is stored.
 */
interface PassphraseSealed {
  v: 1;
  salt: string;
  N: number;
  r: number;
  p: number;
  box: string;
}
interface RecoverySealed {
  v: 1;
  salt: string;
  box: string;
}

export async function sealWithPassphrase(kek: Buffer, passphrase: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const box = seal(await scryptKey(passphrase, salt, cost), kek, 'unlocker:passphrase');
  const sealed: PassphraseSealed = { v: 1, salt: salt.toString('base64'), ...cost, box: box.toString('base64') };
  return JSON.stringify(sealed);
}

export async function openWithPassphrase(sealedText: string, passphrase: string): Promise<Buffer> {
  const s = JSON.parse(sealedText) as PassphraseSealed;
  const key = await scryptKey(passphrase, Buffer.from(s.salt, 'base64'), { N: s.N, r: s.r, p: s.p });
  try {
    return open(key, Buffer.from(s.box, 'base64'), 'unlocker:passphrase');
  } catch {
    throw new KeyDeskError('VAULT_WRONG_PASSPHRASE');
  }
}

// The recovery key carries 160 random bits, so a fast KDF is enough; scrypt adds nothing here.
function recoveryWrappingKey(recoveryKey: string, salt: Buffer): Buffer {
  return deriveKey(Buffer.concat([salt, Buffer.from(normaliseRecoveryKey(recoveryKey), 'utf8')]), 'keydesk recovery');
}

export function sealWithRecoveryKey(kek: Buffer, recoveryKey: string): string {
  const salt = randomBytes(16);
  const box = seal(recoveryWrappingKey(recoveryKey, salt), kek, 'unlocker:recovery');
  const sealed: RecoverySealed = { v: 1, salt: salt.toString('base64'), box: box.toString('base64') };
  return JSON.stringify(sealed);
}

export function openWithRecoveryKey(sealedText: string, recoveryKey: string): Buffer {
  const s = JSON.parse(sealedText) as RecoverySealed;
  try {
    return open(recoveryWrappingKey(recoveryKey, Buffer.from(s.salt, 'base64')), Buffer.from(s.box, 'base64'), 'unlocker:recovery');
  } catch {
    throw new KeyDeskError('VAULT_WRONG_RECOVERY_KEY');
  }
}

export const MIN_PASSPHRASE_LENGTH = 8;
export function assertStrongEnough(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new KeyDeskError('VAULT_WEAK_PASSPHRASE', { field: 'passphrase', min: MIN_PASSPHRASE_LENGTH });
  }
}
