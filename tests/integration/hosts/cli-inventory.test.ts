import { vi, describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unlockedCore, tempDir, PASSPHRASE } from '../../helpers/core.js';
import { keydesk } from '../../helpers/cli.js';

// Each case spawns the CLI several times (tsx compiles the sources per process): slow on a loaded 2-core box.
vi.setConfig({ testTimeout: 180_000 });

const env = { KEYDESK_PASSPHRASE: PASSPHRASE };

async function dataDir(): Promise<string> {
  const dir = tempDir();
  const { core } = await unlockedCore({ dataDir: dir });
  core.close();
  return dir;
}

describe('keydesk products / import / stock', () => {
  it('adds and lists products, refusing bad money with a usage error', async () => {
    const dir = await dataDir();
    const added = keydesk(['products', 'add', '--code', 'IQY-M', '--name', '爱奇艺月卡', '--price', '1990', '--data-dir', dir, '--json'], env);
    expect(added.code).toBe(0);
    expect(added.json()).toMatchObject({ code: 'IQY-M', priceFen: 1990, type: 'card' });
    expect(keydesk(['products', 'add', '--code', 'X', '--name', 'x', '--price', '19.9', '--data-dir', dir], env).code).toBe(2);
    const list = keydesk(['products', 'list', '--data-dir', dir, '--json'], env).json() as { code: string }[];
    expect(list.map((p) => p.code)).toEqual(['IQY-M']);
  });

  it('imports a file with --map, --expiry and --batch-cost, prints the outcome, and reports stock', async () => {
    const dir = await dataDir();
    keydesk(['products', 'add', '--code', 'P1', '--name', '测试', '--price', '100', '--data-dir', dir], env);
    const file = join(tempDir(), 'keys.csv');
    writeFileSync(file, ['序号,激活码', '1,AAAA-0001', '2,AAAA-0002', '3,AAAA-0002', '4,'].join('\n'));
    const r = keydesk(['import', file, '--product', 'P1', '--map', '激活码=secret', '--map', '序号=note', '--expiry', '2099-12-31', '--batch-cost', '80', '--partial', '--data-dir', dir, '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ imported: 2, duplicatesInFile: 1, duplicatesInStock: 0, invalid: [{ row: 5, reason: '卡密为空' }], warnings: [] });
    const stock = keydesk(['stock', '--product', 'P1', '--data-dir', dir, '--json'], env).json() as { available: number }[];
    expect(stock[0]!.available).toBe(2);
    const again = keydesk(['import', file, '--product', 'P1', '--map', '激活码=secret', '--partial', '--data-dir', dir, '--json'], env);
    expect(again.json()).toMatchObject({ imported: 0, duplicatesInStock: 2 });
  });

  it('exits non-zero when nothing was imported because of an error, and on an unknown product or column', async () => {
    const dir = await dataDir();
    keydesk(['products', 'add', '--code', 'P1', '--name', '测试', '--price', '100', '--data-dir', dir], env);
    const file = join(tempDir(), 'bad.csv');
    writeFileSync(file, '卡密,有效期\nK-1,2027-02-30\nK-2,2099-01-01');
    const rejected = keydesk(['import', file, '--product', 'P1', '--data-dir', dir, '--json'], env);
    expect(rejected.code).toBe(1);
    expect(rejected.json()).toMatchObject({ status: 'rejected', imported: 0, invalid: [{ row: 2 }] });
    expect(keydesk(['import', file, '--product', 'NOPE', '--data-dir', dir, '--json'], env).json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const badMap = keydesk(['import', file, '--product', 'P1', '--map', '不存在=secret', '--data-dir', dir], env);
    expect(badMap.code).toBe(2);
    expect(badMap.stderr).toContain('找不到列');
    const notSpreadsheet = join(tempDir(), 'x.xlsx');
    writeFileSync(notSpreadsheet, Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]));
    expect(keydesk(['import', notSpreadsheet, '--product', 'P1', '--data-dir', dir, '--json'], env).json()).toMatchObject({ ok: false, error: { code: 'IMPORT_NOT_SPREADSHEET' } });
  });
});
