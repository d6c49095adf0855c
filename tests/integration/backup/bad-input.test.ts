// Bad backups and bad secrets: each refused with a clear Chinese error, and the current data untouched —
// the database bytes of a closed folder (the `keydesk restore` path) or the open database (the app's path).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../../src-main/core/index.js';
import { restoreFromBackup } from '../../../src-main/hosts/cli/commands/backup.js';
import { PREFIX_BYTES } from '../../../src-main/core/backup/format.js';
import type { BackupRecord } from '../../../src-shared/contract/index.js';
import { tempDir, testCore } from '../../helpers/core.js';
import { PASSPHRASE, fingerprint, liveState, stockedCore } from './helpers.js';

const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

/** The one backup every case damages a copy of; made once (a backup of a small shop). */
let source: { file: string; header: Buffer; keys: string[] };
let sourceDir: string;
beforeAll(async () => {
  sourceDir = mkdtempSync(join(tmpdir(), 'keydesk-source-'));
  const shop = await stockedCore(4, { dataDir: join(sourceDir, 'data') });
  const record: BackupRecord = await shop.core.services.backups.run({ folder: sourceDir });
  shop.core.close();
  (await stockedCore(3, { dataDir: join(sourceDir, 'shop') })).core.close();
  const bytes = readFileSync(record.path);
  source = { file: record.path, header: bytes.subarray(0, PREFIX_BYTES + bytes.readUInt32BE(8)), keys: shop.keys };
}, 60_000);

afterAll(() => rmSync(sourceDir, { recursive: true, force: true }));

function copyOfSource(name = 'copy.kdbak'): string {
  const file = join(tempDir('keydesk-bad-'), name);
  copyFileSync(source.file, file);
  return file;
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return { code: (err as { code: string }).code, message: (err as Error).message };
  }
  throw new Error('expected the restore to be refused');
}

/** An existing installation (3 keys, closed, as for `keydesk restore`): a copy of one made once. */
function closedShop(): { dataDir: string } {
  const dataDir = tempDir('keydesk-shop-');
  copyFileSync(join(sourceDir, 'shop', 'keydesk.db'), join(dataDir, 'keydesk.db'));
  return { dataDir };
}

const CUTS = {
  'inside the fixed prefix': () => 8,
  'inside the header': () => source.header.length - 20,
  'right after the header': () => source.header.length,
  'in the middle of the body': () => Math.floor(readFileSync(source.file).length / 2),
  'the last byte': () => readFileSync(source.file).length - 1,
};

describe('restore refuses bad input and changes nothing', () => {
  it.each(Object.keys(CUTS))('a file cut %s: BACKUP_TRUNCATED, current data untouched', async (cut) => {
    const shop = closedShop();
    const before = fingerprint(shop.dataDir);
    const file = copyOfSource();
    truncateSync(file, CUTS[cut as keyof typeof CUTS]());
    const r = await refusal(restoreFromBackup({ dataDir: shop.dataDir, path: file, secret: { passphrase: PASSPHRASE } }));
    expect(r).toMatchObject({ code: 'BACKUP_TRUNCATED' });
    expect(r.message).toContain('备份文件不完整');
    expect(r.message).toContain('当前数据未做任何更改');
    expect(fingerprint(shop.dataDir)).toEqual(before);
  });

  it('a file that is not a backup (a spreadsheet, the database itself): BACKUP_NOT_A_BACKUP', async () => {
    const shop = closedShop();
    const before = fingerprint(shop.dataDir);
    const sheet = join(tempDir(), '卡密.xlsx');
    writeFileSync(sheet, Buffer.from('PK\u0003\u0004 not a backup at all'));
    for (const path of [sheet, join(shop.dataDir, 'keydesk.db')]) {
      const r = await refusal(restoreFromBackup({ dataDir: shop.dataDir, path, secret: { passphrase: PASSPHRASE } }));
      expect(r.code).toBe('BACKUP_NOT_A_BACKUP');
      expect(r.message).toContain('这不是卡密工作台的备份文件');
    }
    expect(fingerprint(shop.dataDir)).toEqual(before);
  });

  it('a flipped byte in the body or the header: BACKUP_CORRUPT (authenticated), current data untouched', async () => {
    const shop = closedShop();
    const before = fingerprint(shop.dataDir);
    const createdAtDigit = source.header.indexOf('"createdAt":') + '"createdAt":'.length + 3;
    for (const at of [source.header.length + 100, createdAtDigit]) {
      const file = copyOfSource();
      const bytes = readFileSync(file);
      bytes[at] = bytes[at]! ^ 0x01;
      writeFileSync(file, bytes);
      // Same installation is not the case here (another shop), so restore into an EMPTY folder to reach decryption.
      const empty = tempDir('keydesk-empty-');
      const r = await refusal(restoreFromBackup({ dataDir: empty, path: file, secret: { passphrase: PASSPHRASE } }));
      expect(r.code).toBe('BACKUP_CORRUPT');
      expect(r.message).toContain('校验未通过');
      expect(fingerprint(empty).entries.filter((e) => e.startsWith('restore'))).toEqual([]);
    }
    expect(fingerprint(shop.dataDir)).toEqual(before);
  });

  it("another installation's backup over existing data: BACKUP_OTHER_INSTALLATION, before any secret is tried", async () => {
    const shop = closedShop();
    const before = fingerprint(shop.dataDir);
    const r = await refusal(restoreFromBackup({ dataDir: shop.dataDir, path: copyOfSource(), secret: { passphrase: 'not even the right one' } }));
    expect(r.code).toBe('BACKUP_OTHER_INSTALLATION');
    expect(r.message).toContain('另一个安装');
    expect(r.message).toContain('3 张卡密');
    expect(fingerprint(shop.dataDir)).toEqual(before);
  });

  it('a wrong passphrase or recovery key: the vault errors, nothing staged', async () => {
    const empty = tempDir('keydesk-empty-');
    const wrongPass = await refusal(restoreFromBackup({ dataDir: empty, path: copyOfSource(), secret: { passphrase: 'wrong passphrase!' } }));
    expect(wrongPass).toMatchObject({ code: 'VAULT_WRONG_PASSPHRASE', message: '密码不正确，请重试。未做任何更改。' });
    const wrongKey = await refusal(restoreFromBackup({ dataDir: empty, path: copyOfSource(), secret: { recoveryKey: '0000-0000-0000-0000-0000-0000-0000-0000' } }));
    expect(wrongKey.code).toBe('VAULT_WRONG_RECOVERY_KEY');
    expect(fingerprint(empty)).toEqual({ db: 'none', entries: [] });
  });

  it('a backup from a newer KeyDesk (newer data version or file format): BACKUP_TOO_NEW', async () => {
    const shop = closedShop();
    const before = fingerprint(shop.dataDir);
    const header = JSON.parse(source.header.subarray(PREFIX_BYTES).toString('utf8')) as { schemaVersion: number };
    const json = Buffer.from(JSON.stringify({ ...header, schemaVersion: 999 }));
    const prefix = Buffer.from(source.header.subarray(0, PREFIX_BYTES));
    prefix.writeUInt32BE(json.length, 8);
    const newerSchema = copyOfSource();
    writeFileSync(newerSchema, Buffer.concat([prefix, json, readFileSync(source.file).subarray(source.header.length)]));
    const newerFormat = copyOfSource();
    const bytes = readFileSync(newerFormat);
    bytes.writeUInt16BE(2, 6);
    writeFileSync(newerFormat, bytes);
    for (const file of [newerSchema, newerFormat]) {
      const r = await refusal(restoreFromBackup({ dataDir: shop.dataDir, path: file, secret: { passphrase: PASSPHRASE } }));
      expect(r.code).toBe('BACKUP_TOO_NEW');
      expect(r.message).toContain('请先升级');
    }
    expect(fingerprint(shop.dataDir)).toEqual(before);
  });

  it('in the running app the same files are refused over the contract, with the open database unchanged', async () => {
    const core = testCore({ dataDir: closedShop().dataDir });
    cores.push(core);
    await core.services.vault.unlock({ passphrase: PASSPHRASE });
    const shop = { core };
    const before = liveState(shop.core);
    const truncated = copyOfSource();
    truncateSync(truncated, 5000);
    const cases: [string, object][] = [
      ['BACKUP_TRUNCATED', { source: { path: truncated } }],
      ['BACKUP_OTHER_INSTALLATION', { source: { path: copyOfSource() }, passphrase: PASSPHRASE }],
      ['NOT_FOUND', { source: { path: join(tempDir(), 'missing.kdbak') } }],
    ];
    for (const [code, input] of cases) {
      const r = await shop.core.call('backup.restore', input);
      expect(r).toMatchObject({ ok: false, error: { code } });
      if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const inspect = await shop.core.call('backup.inspect', { source: { path: copyOfSource() } });
    expect(inspect).toMatchObject({ ok: true, data: { sameInstallation: false, allowed: false, needsSecret: true, counts: { keys: 4 } } });
    expect(liveState(shop.core)).toEqual(before);
  });
});
