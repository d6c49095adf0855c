// Opening a backup's audit key from its header with a secret of the time it was made — the vault's own
// unlock functions, applied to the wrapped copies the header carries. Nothing is written anywhere.
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import { open } from '../vault/cipher.js';
import { openWithPassphrase, openWithRecoveryKey } from '../vault/unlockers.js';
import type { BackupHeader } from './format.js';

export type BackupSecret = { passphrase: string } | { recoveryKey: string };

export function opensWith(header: BackupHeader): ('passphrase' | 'recovery')[] {
  return header.vault.unlockers.flatMap((u) => (u.kind === 'passphrase' || u.kind === 'recovery' ? [u.kind] : []));
}

/** The KEK sealed in the header, opened with the passphrase or recovery key (typed errors when wrong). */
export async function openHeaderKek(header: BackupHeader, secret: BackupSecret): Promise<Buffer> {
  const sealed = (kind: 'passphrase' | 'recovery') => header.vault.unlockers.find((u) => u.kind === kind)?.sealed;
  if ('passphrase' in secret) {
    const box = sealed('passphrase');
    if (!box) {
      throw new KeyDeskError('VAULT_WRONG_PASSPHRASE', { reason: 'keychain' }, '这个备份来自使用系统钥匙串的电脑，没有设置密码，请用恢复密钥恢复。当前数据未做任何更改。');
    }
    return openWithPassphrase(box, secret.passphrase);
  }
  const box = sealed('recovery');
  if (!box) throw new KeyDeskError('VAULT_WRONG_RECOVERY_KEY');
  return openWithRecoveryKey(box, secret.recoveryKey);
}

/** The audit key the body key derives from; a KEK that opens the unlocker but not this key means a damaged header. */
export function openHeaderAuditKey(header: BackupHeader, kek: Buffer): Buffer {
  const { version, wrapped } = header.vault.auditKey;
  try {
    return open(kek, Buffer.from(wrapped, 'base64'), `vault_keys:audit:${version}`);
  } catch {
    throw new KeyDeskError('BACKUP_CORRUPT', { reason: 'wrapped key' });
  }
}

/** Every wrapped vault key in a restored database must open with the KEK: a keyring that does not is refused. */
export function checkKeyring(rows: { purpose: string; version: number; wrapped: string }[], kek: Buffer): boolean {
  try {
    for (const r of rows) open(kek, Buffer.from(r.wrapped, 'base64'), `vault_keys:${r.purpose}:${r.version}`);
    return rows.some((r) => r.purpose === 'data') && rows.some((r) => r.purpose === 'index') && rows.some((r) => r.purpose === 'audit');
  } catch {
    return false;
  }
}
