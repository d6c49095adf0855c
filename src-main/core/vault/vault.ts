import type Database from 'better-sqlite3';
import { createHmac, randomBytes } from 'node:crypto';
import { KeyDeskError, type VaultStatus, type UnlockMethod } from '../../../src-shared/contract/index.js';
import { seal, open, random32, DEFAULT_SCRYPT, type ScryptCost } from './cipher.js';
import { newRecoveryKey } from './recovery-key.js';
import * as unlockers from './unlockers.js';
import type { Clock } from '../clock.js';
import type { AuditInput } from '../audit/audit-log.js';
import type { Settings } from '../settings.js';

/**
 * The OS keychain, as the desktop host provides it (Electron safeStorage). It seals the KEK and keeps
 * the sealed blob itself; the core only asks.
 */
export interface OsKeychain {
  availability(): { available: boolean; reason?: string };
  store(kek: Buffer): void;
  load(): Buffer | undefined;
}

export interface VaultOptions {
  keychain?: OsKeychain;
  clock: Clock;
  scrypt?: ScryptCost;
  settings: Settings;
  /** Writes an audit entry inside the current transaction. */
  audit: (entry: AuditInput) => void;
}

type Purpose = 'data' | 'index' | 'audit';
interface OpenKeys {
  kek: Buffer;
  data: Map<number, Buffer>;
  currentData: number;
  index: Buffer;
  audit: Buffer;
}

const FORMAT = 1;

/**
 * The stored form of every secret: format(1) | data-key version(2, BE) | iv | tag | ciphertext, with
 * the AAD naming the row it belongs to. Exported for worker code that holds a copy of the data key.
 */
export function sealSecret(dataKey: Buffer, version: number, plaintext: string, aad: string, iv?: Buffer): Buffer {
  const head = Buffer.alloc(3);
  head.writeUInt8(FORMAT, 0);
  head.writeUInt16BE(version, 1);
  return Buffer.concat([head, seal(dataKey, Buffer.from(plaintext, 'utf8'), aad, iv)]);
}

/**
 * Random IVs drawn from one large CSPRNG read instead of a syscall per secret: a 1M-key import
 * otherwise spends seconds in randomFillSync. Every IV is still fresh random bytes, never reused.
 */
export class IvPool {
  private pool = Buffer.alloc(0);
  private offset = 0;

  next(): Buffer {
    if (this.offset + 12 > this.pool.length) {
      this.pool = randomBytes(12 * 8192);
      this.offset = 0;
    }
    const iv = this.pool.subarray(this.offset, this.offset + 12);
    this.offset += 12;
    return iv;
  }
}

/** Blind index: HMAC-SHA256 truncated to 128 bits (see Vault.blindIndex). */
export function blindIndexWith(indexKey: Buffer, normalised: string): Buffer {
  return createHmac('sha256', indexKey).update(normalised, 'utf8').digest().subarray(0, 16);
}
const NO_KEYCHAIN = '浏览器模式和命令行没有系统钥匙串，请设置密码。';

/**
 * Envelope encryption. A KEK, sealed per unlocker, wraps the data keys (versioned for rotation) and
 * the stable blind-index and audit keys. Plaintext keys live only in memory while unlocked.
 */
export class Vault {
  private keys: OpenKeys | undefined;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly opts: VaultOptions,
  ) {}

  status(): VaultStatus {
    const method = this.method();
    const keychain = this.opts.keychain?.availability() ?? { available: false, reason: NO_KEYCHAIN };
    return {
      state: method === undefined ? 'new' : this.keys ? 'unlocked' : 'locked',
      ...(method && { method }),
      keychain,
      ...(this.keys && { keyVersion: this.keys.currentData }),
      recoveryConfirmed: this.opts.settings.get('vault.recoveryConfirmed') === true,
    };
  }

  get unlocked(): boolean {
    return this.keys !== undefined;
  }

  lockedReason(): 'VAULT_LOCKED' | 'VAULT_NOT_SET_UP' | undefined {
    if (this.keys) return undefined;
    return this.method() === undefined ? 'VAULT_NOT_SET_UP' : 'VAULT_LOCKED';
  }

  async setup(input: { method: 'passphrase'; passphrase: string } | { method: 'os-keychain' }): Promise<string> {
    if (this.method() !== undefined) throw new KeyDeskError('VAULT_ALREADY_SET_UP');
    if (input.method === 'passphrase') unlockers.assertStrongEnough(input.passphrase);
    else this.requireKeychain();

    const kek = random32();
    const recoveryKey = newRecoveryKey();
    const keys: OpenKeys = { kek, data: new Map([[1, random32()]]), currentData: 1, index: random32(), audit: random32() };
    const now = this.opts.clock.now();
    const passphraseSealed = input.method === 'passphrase' ? await unlockers.sealWithPassphrase(kek, input.passphrase, this.cost()) : undefined;
    if (this.method() !== undefined) throw new KeyDeskError('VAULT_ALREADY_SET_UP');
    const insertUnlocker = this.sqlite.prepare('insert into vault_unlockers (kind, sealed, created_at) values (?, ?, ?)');
    this.sqlite.transaction(() => {
      if (passphraseSealed) {
        insertUnlocker.run('passphrase', passphraseSealed, now);
      } else {
        insertUnlocker.run('os-keychain', JSON.stringify({ v: 1, storedBy: 'os-keychain' }), now);
      }
      insertUnlocker.run('recovery', unlockers.sealWithRecoveryKey(kek, recoveryKey), now);
      this.storeKey(kek, 'data', 1, keys.data.get(1)!);
      this.storeKey(kek, 'index', 1, keys.index);
      this.storeKey(kek, 'audit', 1, keys.audit);
      this.keys = keys;
      this.opts.audit({ actor: 'owner', action: 'vault.setup', objectType: 'vault', summary: { method: input.method } });
    }).immediate();
    // The keychain write is outside SQLite; do it after the commit so a failed commit leaves no orphan.
    if (input.method === 'os-keychain') this.opts.keychain!.store(kek);
    return recoveryKey;
  }

  async unlock(input: { passphrase: string } | { recoveryKey: string } | { useKeychain: true }): Promise<void> {
    const method = this.method();
    if (method === undefined) throw new KeyDeskError('VAULT_NOT_SET_UP');
    let kek: Buffer;
    let via: string;
    if ('passphrase' in input) {
      const sealed = this.unlocker('passphrase');
      if (!sealed) throw new KeyDeskError('VAULT_WRONG_PASSPHRASE', { reason: '此保险库使用系统钥匙串，而不是密码' });
      kek = await unlockers.openWithPassphrase(sealed, input.passphrase);
      via = 'passphrase';
    } else if ('recoveryKey' in input) {
      kek = unlockers.openWithRecoveryKey(this.unlocker('recovery')!, input.recoveryKey);
      via = 'recovery';
    } else {
      this.requireKeychain();
      const stored = this.opts.keychain!.load();
      if (!stored) throw new KeyDeskError('VAULT_KEYCHAIN_MISSING_KEY');
      kek = stored;
      via = 'os-keychain';
    }
    try {
      this.keys = this.loadKeys(kek);
    } catch (err) {
      // The keychain handed back a key that does not open this vault (another data folder's, or a
      // reinstalled OS account): ask for the recovery key rather than call the data corrupt.
      if (via === 'os-keychain' && err instanceof KeyDeskError && err.code === 'VAULT_CORRUPT_SECRET') throw new KeyDeskError('VAULT_KEYCHAIN_MISSING_KEY');
      throw err;
    }
    this.sqlite.transaction(() => {
      this.opts.audit({ actor: 'owner', action: 'vault.unlock', objectType: 'vault', summary: { via } });
    }).immediate();
    // Lost keychain entry (new OS account, reinstall): the recovery key got us in, so re-seal quietly.
    if (via === 'recovery' && method === 'os-keychain' && this.opts.keychain?.availability().available) {
      this.opts.keychain.store(kek);
    }
  }

  lock(): void {
    if (!this.keys) return;
    this.keys.kek.fill(0);
    for (const k of this.keys.data.values()) k.fill(0);
    this.keys.index.fill(0);
    this.keys.audit.fill(0);
    this.keys = undefined;
  }

  /** Sets a (new) passphrase; switching from the keychain to a passphrase is the same action. */
  async changePassphrase(next: string): Promise<void> {
    const keys = this.open();
    unlockers.assertStrongEnough(next);
    const sealed = await unlockers.sealWithPassphrase(keys.kek, next, this.cost());
    if (this.keys !== keys) throw new KeyDeskError('VAULT_LOCKED');
    this.sqlite.transaction(() => {
      this.sqlite.prepare("delete from vault_unlockers where kind in ('passphrase', 'os-keychain')").run();
      this.sqlite.prepare("insert into vault_unlockers (kind, sealed, created_at) values ('passphrase', ?, ?)").run(sealed, this.opts.clock.now());
      this.opts.audit({ actor: 'owner', action: 'vault.passphrase.change', objectType: 'vault' });
    }).immediate();
  }

  /** New data key version for new secrets; old versions stay to open what they sealed. */
  rotate(): number {
    const keys = this.open();
    const version = keys.currentData + 1;
    const key = random32();
    this.sqlite.transaction(() => {
      this.sqlite.prepare("update vault_keys set retired_at = ? where purpose = 'data' and retired_at is null").run(this.opts.clock.now());
      this.storeKey(keys.kek, 'data', version, key);
      this.opts.audit({ actor: 'owner', action: 'vault.rotate', objectType: 'vault', summary: { keyVersion: version } });
    }).immediate();
    keys.data.set(version, key);
    keys.currentData = version;
    return version;
  }

  /** A fresh recovery key replaces the old one (lost paper, or never confirmed); shown once. */
  regenerateRecoveryKey(): string {
    const keys = this.open();
    const recoveryKey = newRecoveryKey();
    const sealed = unlockers.sealWithRecoveryKey(keys.kek, recoveryKey);
    this.sqlite.transaction(() => {
      this.sqlite.prepare("update vault_unlockers set sealed = ?, created_at = ? where kind = 'recovery'").run(sealed, this.opts.clock.now());
      this.opts.settings.set('vault.recoveryConfirmed', false);
      this.opts.audit({ actor: 'owner', action: 'vault.recovery.regenerate', objectType: 'vault' });
    }).immediate();
    return recoveryKey;
  }

  /** Confirms the owner wrote the recovery key down by having them type it back. */
  confirmRecoveryKey(recoveryKey: string): void {
    const kek = unlockers.openWithRecoveryKey(this.unlocker('recovery')!, recoveryKey);
    if (!kek.equals(this.open().kek)) throw new KeyDeskError('VAULT_WRONG_RECOVERY_KEY');
    this.sqlite.transaction(() => {
      this.opts.settings.set('vault.recoveryConfirmed', true);
      this.opts.audit({ actor: 'owner', action: 'vault.recovery.confirm', objectType: 'vault' });
    }).immediate();
  }

  encrypt(plaintext: string, aad: string): Buffer {
    const keys = this.open();
    return sealSecret(keys.data.get(keys.currentData)!, keys.currentData, plaintext, aad);
  }

  decrypt(blob: Buffer, aad: string): string {
    const keys = this.open();
    if (blob.length < 3 || blob.readUInt8(0) !== FORMAT) throw new KeyDeskError('VAULT_CORRUPT_SECRET', { reason: 'format' });
    const key = keys.data.get(blob.readUInt16BE(1));
    if (!key) throw new KeyDeskError('VAULT_CORRUPT_SECRET', { reason: 'unknown key version' });
    return open(key, blob.subarray(3), aad).toString('utf8');
  }

  /**
   * Exact-match lookups and UNIQUE dedupe over secrets without storing them: HMAC-SHA256 of the
   * normalised value, truncated to 128 bits (collisions stay negligible at billions of keys, and the
   * UNIQUE index is half the size).
   */
  blindIndex(normalised: string): Buffer {
    return blindIndexWith(this.open().index, normalised);
  }

  /** The key material a worker thread needs to seal secrets and compute blind indexes. */
  workerKeys(): { dataKey: Buffer; dataVersion: number; indexKey: Buffer } {
    const keys = this.open();
    return { dataKey: Buffer.from(keys.data.get(keys.currentData)!), dataVersion: keys.currentData, indexKey: Buffer.from(keys.index) };
  }

  auditKey(): Buffer {
    return this.open().audit;
  }

  private open(): OpenKeys {
    const reason = this.lockedReason();
    if (reason || !this.keys) throw new KeyDeskError(reason ?? 'VAULT_LOCKED');
    return this.keys;
  }

  private method(): UnlockMethod | undefined {
    const kinds = (this.sqlite.prepare('select kind from vault_unlockers').all() as { kind: string }[]).map((r) => r.kind);
    if (kinds.includes('passphrase')) return 'passphrase';
    if (kinds.includes('os-keychain')) return 'os-keychain';
    return undefined;
  }

  private unlocker(kind: 'passphrase' | 'recovery'): string | undefined {
    const row = this.sqlite.prepare('select sealed from vault_unlockers where kind = ?').get(kind) as { sealed: string } | undefined;
    return row?.sealed;
  }

  private requireKeychain(): void {
    const a = this.opts.keychain?.availability();
    if (!a?.available) throw new KeyDeskError('VAULT_KEYCHAIN_UNAVAILABLE', { reason: a?.reason ?? NO_KEYCHAIN });
  }

  private storeKey(kek: Buffer, purpose: Purpose, version: number, key: Buffer): void {
    const wrapped = seal(kek, key, `vault_keys:${purpose}:${version}`).toString('base64');
    this.sqlite
      .prepare('insert into vault_keys (purpose, version, wrapped, created_at) values (?, ?, ?, ?)')
      .run(purpose, version, wrapped, this.opts.clock.now());
  }

  private loadKeys(kek: Buffer): OpenKeys {
    const rows = this.sqlite.prepare('select purpose, version, wrapped from vault_keys').all() as { purpose: Purpose; version: number; wrapped: string }[];
    const data = new Map<number, Buffer>();
    let index: Buffer | undefined;
    let audit: Buffer | undefined;
    for (const r of rows) {
      const key = open(kek, Buffer.from(r.wrapped, 'base64'), `vault_keys:${r.purpose}:${r.version}`);
      if (r.purpose === 'data') data.set(r.version, key);
      else if (r.purpose === 'index') index = key;
      else audit = key;
    }
    if (!index || !audit || data.size === 0) throw new KeyDeskError('VAULT_CORRUPT_SECRET', { reason: 'keyring incomplete' });
    return { kek, data, currentData: Math.max(...data.keys()), index, audit };
  }

  private cost(): ScryptCost {
    return this.opts.scrypt ?? DEFAULT_SCRYPT;
  }
}
