import type { SafeStorage } from 'electron';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import type { OsKeychain } from '../../core/index.js';

export const SEALED_KEK_KEY = 'vault.sealedKek';
const KEK_BYTES = 32;

export const KEYCHAIN_REASONS = {
  unavailable: '系统钥匙串不可用（无法加密），请改用密码保护',
  basicText: '此系统没有可用的密钥环（basic_text），请改用密码保护',
  notReady: '系统钥匙串尚未就绪，请改用密码保护',
} as const;

/** Where the sealed KEK lives: the desktop settings store (electron-store), or a fake in tests. */
export interface SealedKekStore {
  get(key: typeof SEALED_KEK_KEY): string | undefined;
  set(key: typeof SEALED_KEK_KEY, value: string): void;
}

export interface SafeStorageKeychainOptions {
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>;
  store: SealedKekStore;
  platform: NodeJS.Platform;
  /** Why a sealed key could not be opened; the user only sees the recovery-key prompt. */
  warn?: (message: string) => void;
}

/**
 * The core's OsKeychain on Electron safeStorage: the KEK is sealed by the OS (DPAPI, Keychain,
 * libsecret/kwallet) and only the ciphertext is written to disk.
 */
export function createSafeStorageKeychain(options: SafeStorageKeychainOptions): OsKeychain {
  const { safeStorage, store, platform, warn } = options;

  function availability(): { available: boolean; reason?: string } {
    if (!safeStorage.isEncryptionAvailable()) return { available: false, reason: KEYCHAIN_REASONS.unavailable };
    if (platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      // basic_text "encrypts" with a key hard-coded in Chromium: anyone with the file has the KEK.
      if (backend === 'basic_text') return { available: false, reason: KEYCHAIN_REASONS.basicText };
      // Electron answers 'unknown' before ready; fail closed rather than guess the backend.
      if (backend === 'unknown') return { available: false, reason: KEYCHAIN_REASONS.notReady };
    }
    return { available: true };
  }

  return {
    availability,

    store(kek: Buffer): void {
      const state = availability();
      if (!state.available) throw new KeyDeskError('VAULT_KEYCHAIN_UNAVAILABLE', { reason: state.reason });
      const sealed = safeStorage.encryptString(kek.toString('base64'));
      store.set(SEALED_KEK_KEY, sealed.toString('base64'));
    },

    load(): Buffer | undefined {
      const sealed = store.get(SEALED_KEK_KEY);
      if (typeof sealed !== 'string' || sealed === '') return undefined;
      // A failure here means the OS keychain changed (new account, reinstall). The sealed copy is
      // kept untouched: the core asks for the recovery key and then re-seals.
      try {
        const kek = Buffer.from(safeStorage.decryptString(Buffer.from(sealed, 'base64')), 'base64');
        if (kek.length === KEK_BYTES) return kek;
        warn?.(`createSafeStorageKeychain.load: sealed key opened to ${kek.length} bytes, expected ${KEK_BYTES}`);
      } catch (err) {
        warn?.(`createSafeStorageKeychain.load: cannot open sealed key: ${(err as Error).message}`);
      }
      return undefined;
    },
  };
}
