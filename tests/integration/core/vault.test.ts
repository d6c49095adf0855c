import { describe, it, expect } from 'vitest';
import type { OsKeychain } from '../../../src-main/core/index.js';
import { testCore, unlockedCore, tempDir, PASSPHRASE, FAST_SCRYPT } from '../../helpers/core.js';
import { normaliseRecoveryKey } from '../../../src-main/core/vault/recovery-key.js';

async function code(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected an error');
}

/** Everything the vault keeps on disk, to prove a refused action changed nothing. */
function vaultSnapshot(core: ReturnType<typeof testCore>): unknown {
  const q = (sql: string) => core.services.sqlite.prepare(sql).all();
  return [q('select * from vault_unlockers order by kind'), q('select * from vault_keys order by purpose, version'), q('select seq, mac from audit_log'), q('select * from settings')];
}

function fakeKeychain(available = true): OsKeychain & { stored?: Buffer } {
  const k: OsKeychain & { stored?: Buffer } = {
    availability: () => (available ? { available: true } : { available: false, reason: '此系统没有可用的密钥环（basic_text），请改用密码保护' }),
    store: (kek) => void (k.stored = Buffer.from(kek)),
    load: () => (k.stored ? Buffer.from(k.stored) : undefined),
  };
  return k;
}

describe('vault with a passphrase', () => {
  it('encrypts with AAD: the right row opens, another row or a flipped byte does not', async () => {
    const { core } = await unlockedCore();
    const v = core.services.vault;
    const blob = v.encrypt('K3X8-SECRET-9Q', 'keys:1');
    expect(blob.includes(Buffer.from('K3X8-SECRET-9Q'))).toBe(false);
    expect(v.decrypt(blob, 'keys:1')).toBe('K3X8-SECRET-9Q');
    expect(await code(() => v.decrypt(blob, 'keys:2'))).toBe('VAULT_CORRUPT_SECRET');
    const flipped = Buffer.from(blob);
    flipped[flipped.length - 1]! ^= 1;
    expect(await code(() => v.decrypt(flipped, 'keys:1'))).toBe('VAULT_CORRUPT_SECRET');
  });

  it('locks, refuses a wrong passphrase without touching anything, and unlocks with the right one', async () => {
    const { core } = await unlockedCore();
    const v = core.services.vault;
    const blob = v.encrypt('secret', 'row:1');
    v.lock();
    expect(v.status().state).toBe('locked');
    expect(await code(() => v.decrypt(blob, 'row:1'))).toBe('VAULT_LOCKED');
    const before = vaultSnapshot(core);
    expect(await code(v.unlock({ passphrase: 'not the passphrase' }))).toBe('VAULT_WRONG_PASSPHRASE');
    expect(vaultSnapshot(core)).toEqual(before);
    await v.unlock({ passphrase: PASSPHRASE });
    expect(v.decrypt(blob, 'row:1')).toBe('secret');
  });

  it('keeps the vault across restarts of the app', async () => {
    const dataDir = tempDir();
    const { core } = await unlockedCore({ dataDir });
    const blob = core.services.vault.encrypt('persisted', 'row:9');
    const index = core.services.vault.blindIndex('abc');
    core.close();
    const again = testCore({ dataDir });
    expect(again.services.vault.status().state).toBe('locked');
    await again.services.vault.unlock({ passphrase: PASSPHRASE });
    expect(again.services.vault.decrypt(blob, 'row:9')).toBe('persisted');
    expect(again.services.vault.blindIndex('abc')).toEqual(index);
  });

  it('refuses a short passphrase and a second setup', async () => {
    const core = testCore();
    expect(await code(core.services.vault.setup({ method: 'passphrase', passphrase: '1234567' }))).toBe('VAULT_WEAK_PASSPHRASE');
    expect(core.services.vault.status().state).toBe('new');
    await core.services.vault.setup({ method: 'passphrase', passphrase: PASSPHRASE });
    expect(await code(core.services.vault.setup({ method: 'passphrase', passphrase: 'another passphrase' }))).toBe('VAULT_ALREADY_SET_UP');
  });

  it('the recovery key, typed sloppily, unlocks and can be confirmed; a wrong one cannot', async () => {
    const { core, recoveryKey } = await unlockedCore();
    const v = core.services.vault;
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(await code(() => v.confirmRecoveryKey('0000-0000-0000-0000-0000-0000-0000-0000'))).toBe('VAULT_WRONG_RECOVERY_KEY');
    expect(v.status().recoveryConfirmed).toBe(false);
    v.confirmRecoveryKey(` ${recoveryKey.toLowerCase().replace(/-/g, ' ')} `);
    expect(v.status().recoveryConfirmed).toBe(true);
    v.lock();
    expect(await code(v.unlock({ recoveryKey: 'WRONG-KEY' }))).toBe('VAULT_WRONG_RECOVERY_KEY');
    await v.unlock({ recoveryKey: recoveryKey.replace(/0/g, 'O') });
    expect(v.status().state).toBe('unlocked');
  });

  it('regenerates the recovery key: the old one stops working, the new one must be confirmed again', async () => {
    const { core, recoveryKey } = await unlockedCore();
    const v = core.services.vault;
    v.confirmRecoveryKey(recoveryKey);
    const fresh = v.regenerateRecoveryKey();
    expect(fresh).not.toBe(recoveryKey);
    expect(v.status().recoveryConfirmed).toBe(false);
    v.lock();
    expect(await code(v.unlock({ recoveryKey }))).toBe('VAULT_WRONG_RECOVERY_KEY');
    await v.unlock({ recoveryKey: fresh });
    expect(core.services.audit.list(5).entries.map((e) => e.action)).toContain('vault.recovery.regenerate');
  });

  it('changes the passphrase: the old one stops working, data stays readable', async () => {
    const { core } = await unlockedCore();
    const v = core.services.vault;
    const blob = v.encrypt('still here', 'row:3');
    await v.changePassphrase('a brand new passphrase');
    v.lock();
    expect(await code(v.unlock({ passphrase: PASSPHRASE }))).toBe('VAULT_WRONG_PASSPHRASE');
    await v.unlock({ passphrase: 'a brand new passphrase' });
    expect(v.decrypt(blob, 'row:3')).toBe('still here');
  });

  it('rotates the data key: new secrets use the new version, old ones still open, blind index unchanged', async () => {
    const { core } = await unlockedCore();
    const v = core.services.vault;
    const old = v.encrypt('old secret', 'row:1');
    const index = v.blindIndex('K3X8');
    expect(v.rotate()).toBe(2);
    const fresh = v.encrypt('new secret', 'row:2');
    expect(old.readUInt16BE(1)).toBe(1);
    expect(fresh.readUInt16BE(1)).toBe(2);
    v.lock();
    await v.unlock({ passphrase: PASSPHRASE });
    expect(v.status().keyVersion).toBe(2);
    expect(v.decrypt(old, 'row:1')).toBe('old secret');
    expect(v.decrypt(fresh, 'row:2')).toBe('new secret');
    expect(v.blindIndex('K3X8')).toEqual(index);
  });

  it('blind index: equal values match, different values differ, and it is not a bare hash', async () => {
    const a = (await unlockedCore()).core.services.vault;
    const b = (await unlockedCore()).core.services.vault;
    expect(a.blindIndex('K3X8')).toHaveLength(16);
    expect(a.blindIndex('K3X8')).toEqual(a.blindIndex('K3X8'));
    expect(a.blindIndex('K3X8')).not.toEqual(a.blindIndex('K3X9'));
    expect(a.blindIndex('K3X8')).not.toEqual(b.blindIndex('K3X8'));
  });

  it('normalises what people type for a recovery key', () => {
    expect(normaliseRecoveryKey(' ab-cd  Ol ')).toBe('ABCD01');
  });
});

describe('vault with the OS keychain', () => {
  it('sets up, stores the KEK in the keychain, and unlocks from it', async () => {
    const keychain = fakeKeychain();
    const dataDir = tempDir();
    const core = testCore({ dataDir, keychain });
    await core.services.vault.setup({ method: 'os-keychain' });
    expect(keychain.stored).toHaveLength(32);
    expect(core.services.vault.status().method).toBe('os-keychain');
    core.close();
    const again = testCore({ dataDir, keychain });
    await again.services.vault.unlock({ useKeychain: true });
    expect(again.services.vault.status().state).toBe('unlocked');
  });

  it('refuses the keychain where it is unavailable (Linux basic_text, browser mode), writing nothing', async () => {
    const core = testCore({ keychain: fakeKeychain(false) });
    expect(await code(core.services.vault.setup({ method: 'os-keychain' }))).toBe('VAULT_KEYCHAIN_UNAVAILABLE');
    expect(core.services.vault.status().state).toBe('new');
    const browser = testCore();
    expect(await code(browser.services.vault.setup({ method: 'os-keychain' }))).toBe('VAULT_KEYCHAIN_UNAVAILABLE');
  });

  it('a lost keychain entry asks for the recovery key, which restores the entry; nothing is wiped', async () => {
    const keychain = fakeKeychain();
    const dataDir = tempDir();
    const core = testCore({ dataDir, keychain });
    const recoveryKey = await core.services.vault.setup({ method: 'os-keychain' });
    const blob = core.services.vault.encrypt('survives', 'row:1');
    core.close();
    delete keychain.stored;
    const again = testCore({ dataDir, keychain });
    expect(await code(again.services.vault.unlock({ useKeychain: true }))).toBe('VAULT_KEYCHAIN_MISSING_KEY');
    await again.services.vault.unlock({ recoveryKey });
    expect(again.services.vault.decrypt(blob, 'row:1')).toBe('survives');
    expect(keychain.stored).toHaveLength(32);
  });

  it('switches from the keychain to a passphrase', async () => {
    const core = testCore({ keychain: fakeKeychain(), scrypt: FAST_SCRYPT });
    await core.services.vault.setup({ method: 'os-keychain' });
    await core.services.vault.changePassphrase(PASSPHRASE);
    expect(core.services.vault.status().method).toBe('passphrase');
    core.services.vault.lock();
    await core.services.vault.unlock({ passphrase: PASSPHRASE });
  });
});
