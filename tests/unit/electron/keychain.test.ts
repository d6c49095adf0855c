import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSafeStorageKeychain, SEALED_KEK_KEY } from '../../../src-main/hosts/electron/keychain.js';
import { KeyDeskError } from '../../../src-shared/contract/index.js';

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet5' | 'unknown';

/** Seals with a per-"OS account" XOR key, so a different account (or a changed keychain) cannot open it. */
function fakeSafeStorage(opts: { available?: boolean; backend?: Backend; account?: number } = {}) {
  const pad = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ ((opts.account ?? 7) + i) % 256));
  return {
    isEncryptionAvailable: () => opts.available ?? true,
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    encryptString: (plain: string) => Buffer.concat([Buffer.from('v10'), pad(Buffer.from(plain, 'utf8'))]),
    decryptString: (sealed: Buffer) => {
      if (sealed.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const plain = pad(sealed.subarray(3)).toString('utf8');
      if (!/^[A-Za-z0-9+/]+=*$/.test(plain)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return plain;
    },
  };
}

function memoryStore() {
  const data = new Map<string, string>();
  return { data, get: (k: typeof SEALED_KEK_KEY) => data.get(k), set: (k: typeof SEALED_KEK_KEY, v: string) => void data.set(k, v) };
}

describe('createSafeStorageKeychain', () => {
  it('is available on Windows and macOS when safeStorage can encrypt', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const k = createSafeStorageKeychain({ safeStorage: fakeSafeStorage({ backend: 'unknown' }), store: memoryStore(), platform });
      expect(k.availability()).toEqual({ available: true });
    }
  });

  it('refuses Linux basic_text: a hard-coded key protects nothing', () => {
    const k = createSafeStorageKeychain({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), store: memoryStore(), platform: 'linux' });
    expect(k.availability()).toEqual({ available: false, reason: '此系统没有可用的密钥环（basic_text），请改用密码保护' });
  });

  it('accepts a real Linux keyring', () => {
    const k = createSafeStorageKeychain({ safeStorage: fakeSafeStorage({ backend: 'kwallet5' }), store: memoryStore(), platform: 'linux' });
    expect(k.availability().available).toBe(true);
  });

  it('is unavailable, in Chinese, when safeStorage cannot encrypt', () => {
    const k = createSafeStorageKeychain({ safeStorage: fakeSafeStorage({ available: false }), store: memoryStore(), platform: 'win32' });
    const a = k.availability();
    expect(a.available).toBe(false);
    expect(a.reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses to store a KEK when unavailable, and writes nothing', () => {
    const store = memoryStore();
    const k = createSafeStorageKeychain({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), store, platform: 'linux' });
    expect(() => k.store(randomBytes(32))).toThrow(KeyDeskError);
    expect(store.data.size).toBe(0);
  });

  it('round-trips a KEK, storing only ciphertext', () => {
    const store = memoryStore();
    const k = createSafeStorageKeychain({ safeStorage: fakeSafeStorage(), store, platform: 'linux' });
    const kek = randomBytes(32);
    k.store(kek);
    const saved = store.data.get('vault.sealedKek')!;
    expect(saved).toBeTypeOf('string');
    expect(saved).not.toContain(kek.toString('base64'));
    expect(Buffer.from(saved, 'base64').includes(kek)).toBe(false);
    expect(k.load()?.equals(kek)).toBe(true);
  });

  it('returns undefined when nothing is stored', () => {
    const k = createSafeStorageKeychain({ safeStorage: fakeSafeStorage(), store: memoryStore(), platform: 'darwin' });
    expect(k.load()).toBeUndefined();
  });

  it('returns undefined, keeps the sealed copy and reports why, when the keychain changed', () => {
    const store = memoryStore();
    createSafeStorageKeychain({ safeStorage: fakeSafeStorage({ account: 1 }), store, platform: 'win32' }).store(randomBytes(32));
    const before = store.data.get(SEALED_KEK_KEY);
    const warnings: string[] = [];
    const other = createSafeStorageKeychain({ safeStorage: fakeSafeStorage({ account: 2 }), store, platform: 'win32', warn: (m) => warnings.push(m) });
    expect(other.load()).toBeUndefined();
    expect(store.data.get(SEALED_KEK_KEY)).toBe(before);
    expect(warnings).toHaveLength(1);
  });

  it('returns undefined for a sealed blob that opens to the wrong length', () => {
    const store = memoryStore();
    const safeStorage = fakeSafeStorage();
    store.set(SEALED_KEK_KEY, safeStorage.encryptString(randomBytes(16).toString('base64')).toString('base64'));
    expect(createSafeStorageKeychain({ safeStorage, store, platform: 'darwin' }).load()).toBeUndefined();
  });
});
