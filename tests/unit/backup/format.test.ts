import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeHeader, readBackupHeader, expectedFileBytes, IV_BYTES, TAG_BYTES, type BackupHeader } from '../../../src-main/core/backup/format.js';
import { bodyKey, openSealed, writeSealed } from '../../../src-main/core/backup/body-crypto.js';
import { backupFileName, folderProblem, pickRotated, type FoundBackup } from '../../../src-main/core/backup/folder.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kdbak-unit-'));
  dirs.push(d);
  return d;
};

const header = (over: Partial<BackupHeader> = {}): BackupHeader => ({
  installationId: '1a2b3c4d-0000-4000-8000-000000000000',
  appVersion: '0.1.0',
  createdAt: Date.UTC(2024, 4, 1, 5, 45, 9),
  schemaVersion: 1,
  counts: { products: 1, keys: 2, orders: 0, orderLines: 0, auditEntries: 3 },
  auditHead: { seq: 3, mac: 'ab'.repeat(32) },
  vault: { unlockers: [{ kind: 'recovery', sealed: '{}' }], auditKey: { version: 1, wrapped: 'AAAA' } },
  salt: Buffer.alloc(16, 7).toString('base64'),
  bodyBytes: 0,
  ...over,
});

async function sealedFile(body: Buffer): Promise<{ path: string; key: Buffer }> {
  const d = dir();
  const plain = join(d, 'plain.db');
  writeFileSync(plain, body);
  const key = bodyKey(Buffer.alloc(32, 1), Buffer.alloc(16, 7));
  const path = join(d, 'x.kdbak');
  const written = await writeSealed(path, encodeHeader(header({ bodyBytes: body.length })), plain, key, () => {});
  expect(written).toBe(readFileSync(path).length);
  return { path, key };
}

describe('.kdbak format', () => {
  it('round-trips: header readable without a key, body opens with the key', async () => {
    const body = Buffer.from('SQLite format 3\0' + 'x'.repeat(3_000_000));
    const { path, key } = await sealedFile(body);
    const read = readBackupHeader(path);
    expect(read.header.counts.keys).toBe(2);
    expect(read.fileBytes).toBe(expectedFileBytes(read.headerBytes.length, body.length));
    expect(read.fileBytes).toBe(read.headerBytes.length + IV_BYTES + body.length + TAG_BYTES);
    const out = join(dir(), 'out.db');
    await openSealed(path, read, key, out, () => {});
    expect(readFileSync(out).equals(body)).toBe(true);
    expect(readFileSync(path).includes(Buffer.from('SQLite format 3'))).toBe(false);
  });

  it('names every cut point as truncated, and extra bytes as corrupt', async () => {
    const { path } = await sealedFile(Buffer.alloc(5000, 9));
    const full = readFileSync(path);
    const headerEnd = readBackupHeader(path).headerBytes.length;
    for (const cut of [3, 6, 11, headerEnd - 1, headerEnd, headerEnd + 12, full.length - 17, full.length - 1]) {
      const p = join(dir(), 'cut.kdbak');
      writeFileSync(p, full.subarray(0, cut));
      expect(() => readBackupHeader(p), `cut at ${cut}`).toThrow(expect.objectContaining({ code: 'BACKUP_TRUNCATED' }));
    }
    const empty = join(dir(), 'empty.kdbak');
    writeFileSync(empty, '');
    expect(() => readBackupHeader(empty)).toThrow(expect.objectContaining({ code: 'BACKUP_TRUNCATED' }));
    const longer = join(dir(), 'longer.kdbak');
    writeFileSync(longer, Buffer.concat([full, Buffer.from([0])]));
    expect(() => readBackupHeader(longer)).toThrow(expect.objectContaining({ code: 'BACKUP_CORRUPT' }));
  });

  it('refuses a wrong key or a changed header as corrupt (GCM + header as AAD)', async () => {
    const { path, key } = await sealedFile(Buffer.alloc(1000, 3));
    const read = readBackupHeader(path);
    await expect(openSealed(path, read, Buffer.alloc(32, 2), join(dir(), 'a.db'), () => {})).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
    const forged = { ...read, headerBytes: Buffer.from(read.headerBytes.toString('latin1').replace('"keys":2', '"keys":9'), 'latin1') };
    await expect(openSealed(path, forged, key, join(dir(), 'b.db'), () => {})).rejects.toMatchObject({ code: 'BACKUP_CORRUPT' });
  });

  it('refuses non-backups, unknown formats and newer data versions', () => {
    const d = dir();
    const xlsx = join(d, 'keys.xlsx');
    writeFileSync(xlsx, 'PK\u0003\u0004');
    expect(() => readBackupHeader(xlsx)).toThrow(expect.objectContaining({ code: 'BACKUP_NOT_A_BACKUP' }));
    expect(() => readBackupHeader(d)).toThrow(expect.objectContaining({ code: 'BACKUP_NOT_A_BACKUP' }));
    expect(() => readBackupHeader(join(d, 'missing.kdbak'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('找不到备份文件') }));
    const newer = join(d, 'newer.kdbak');
    writeFileSync(newer, encodeHeader(header({ schemaVersion: 10_000 })));
    expect(() => readBackupHeader(newer)).toThrow(expect.objectContaining({ code: 'BACKUP_TOO_NEW' }));
    const garbage = join(d, 'garbage.kdbak');
    const bytes = encodeHeader(header());
    bytes.write('!', 20, 'latin1');
    writeFileSync(garbage, bytes);
    expect(() => readBackupHeader(garbage)).toThrow(expect.objectContaining({ code: 'BACKUP_CORRUPT' }));
  });
});

describe('backup folder rules', () => {
  it('names files by installation and Beijing time', () => {
    const at = Date.UTC(2024, 4, 1, 5, 45, 9); // 13:45:09 in Beijing
    expect(backupFileName('1a2b3c4d-9999', at)).toBe('keydesk-1a2b3c4d-20240501-134509.kdbak');
    expect(backupFileName('1a2b3c4d-9999', at, 1)).toBe('keydesk-1a2b3c4d-20240501-134509-2.kdbak');
  });

  it('rotation keeps the newest N of this installation only, always including the one just made', () => {
    const f = (path: string, installationId: string, createdAt: number) =>
      ({ path, fileName: path, header: { ...header(), installationId, createdAt } }) as unknown as FoundBackup;
    const found = [f('a', 'me', 1), f('b', 'me', 2), f('c', 'other', 3), f('d', 'me', 4), f('new', 'me', 0)];
    expect(pickRotated(found, 'me', 2, 'new').map((x) => x.path)).toEqual(['b', 'a']);
    expect(pickRotated(found, 'me', 1, 'new').map((x) => x.path)).toEqual(['d', 'b', 'a']);
    expect(pickRotated(found, 'me', 10, 'new')).toEqual([]);
  });

  it('explains file-system failures in the owner’s words', () => {
    expect(folderProblem({ code: 'ENOSPC' })).toBe('磁盘空间不足');
    expect(folderProblem({ code: 'ENOENT' })).toContain('文件夹不存在');
    expect(folderProblem({ code: 'EACCES' })).toBe('没有写入权限');
  });
});
