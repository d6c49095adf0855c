import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { unlockedCore, tempDir } from '../../helpers/core.js';
import { addProduct, keyCount } from '../../helpers/inventory.js';
import type { Core } from '../../../src-main/core/index.js';
import type { ImportOutcome } from '../../../src-shared/contract/index.js';

const FIXTURES = 'tests/fixtures/import';

/** Uploads a fixture exactly as the UI does, then imports it through the contract. */
async function importFixture(core: Core, productId: number, file: string, extra: Record<string, unknown> = {}) {
  const { uploadId } = await core.services.files.saveUpload(Readable.from([readFileSync(join(FIXTURES, file))]), file);
  return core.call('inventory.import', { jobId: randomUUID(), source: { uploadId }, productId, batch: { unitCostFen: 100 }, ...extra });
}

/** After a refusal the app must still work: another import goes through. */
async function stillUsable(core: Core, productId: number): Promise<void> {
  const r = await core.call('inventory.import', { jobId: randomUUID(), source: { text: `卡密\nSTILL-OK-${randomUUID()}` }, productId, batch: { unitCostFen: 1 } });
  expect(r).toMatchObject({ ok: true, data: { imported: 1 } });
}

describe('bad supplier files: a clear Chinese error or per-row reason, nothing half-imported', () => {
  it.each([
    ['empty.csv', 'IMPORT_EMPTY_FILE'],
    ['random.bin', 'IMPORT_NOT_SPREADSHEET'],
    ['truncated.xlsx', 'IMPORT_CORRUPT_FILE'],
    ['encrypted.xlsx', 'IMPORT_PASSWORD_PROTECTED'],
    ['header-only.xlsx', 'IMPORT_HEADER_ONLY'],
    ['unbalanced-quotes.csv', 'IMPORT_CORRUPT_FILE'],
  ])('%s → %s, no keys, no leftovers, still usable', async (file, code) => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const r = await importFixture(core, productId, file);
    expect(r).toMatchObject({ ok: false, error: { code } });
    if (!r.ok) expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(keyCount(core)).toBe(0);
    expect(readdirSync(core.services.files.tmpDir)).toEqual([]);
    expect(readdirSync(core.services.files.uploadsDir)).toEqual([]);
    await stillUsable(core, productId);
  });

  it('a sheet with no recognisable column: the preview still opens so the owner picks the column; import without a mapping is refused', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const text = '甲,乙\n你好,世界\n再见,朋友';
    const preview = await core.call('inventory.previewImport', { source: { text } });
    expect(preview).toMatchObject({ ok: true, data: { sampleRows: expect.any(Array) } });
    const r = await core.call('inventory.import', { jobId: randomUUID(), source: { text: '甲,乙' }, productId, headerRow: null, mapping: {}, batch: { unitCostFen: 1 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(keyCount(core)).toBe(0);
  });

  it('dates that do not exist are per-row reasons; all-or-nothing writes nothing', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const r = await importFixture(core, productId, 'bad-dates.csv');
    const out = (r as { ok: true; data: ImportOutcome }).data;
    expect(out.status).toBe('rejected');
    expect(out.invalid.map((p) => p.reason).join('\n')).toMatch(/2027-02-30/);
    expect(out.invalid.map((p) => p.reason).join('\n')).toMatch(/2027-13-01/);
    expect(keyCount(core)).toBe(0);
  });

  it('a 20,000-character cell rejects that row only (with the partial choice)', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const r = await importFixture(core, productId, 'long-cell.csv', { mode: 'partial' });
    const out = (r as { ok: true; data: ImportOutcome }).data;
    expect(out.invalid[0]!.reason).toContain('过长');
    expect(out.imported).toBeGreaterThan(0);
    expect(keyCount(core)).toBe(out.imported);
  });

  it('duplicated columns: the first 卡密 column is used, the second ignored', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const r = await importFixture(core, productId, 'duplicate-columns.csv');
    expect(r).toMatchObject({ ok: true, data: { status: 'committed' } });
    const revealed = core.services.stock.secretOf(core.services.stock.keysPage({ limit: 1, cardNo: 'C0001' }).rows[0]!.id);
    expect(revealed.secret).toBe('SEC-0001');
  });

  it('mixed encodings: the undecodable line is a per-row reason, the rest imports by choice', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const lines = readFileSync(join(FIXTURES, 'mixed-encoding.csv')).toString('utf8').split('\n');
    const badRow = lines.findIndex((l) => l.includes('\uFFFD')) + 1;
    expect(badRow).toBeGreaterThan(1);
    const r = await importFixture(core, productId, 'mixed-encoding.csv', { mode: 'partial' });
    const out = (r as { ok: true; data: ImportOutcome }).data;
    expect(out.status).toBe('committed');
    expect(out.invalid).toEqual([{ row: badRow, reason: expect.stringContaining('无法识别的字符') }]);
    expect(out.imported).toBe(lines.filter((l) => l.trim()).length - 2);
    expect(keyCount(core)).toBe(out.imported);
  });

  it('a 50 MB file imports in full (1M-row class) without being refused for its size', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const dir = tempDir();
    const path = join(dir, 'big.txt');
    const lines: string[] = [];
    // Long rows (a remark column the owner does not map) make 50 MB without a million-key import.
    const remark = '备注'.repeat(40);
    for (let i = 0; i < 400_000; i++) lines.push(`${String(i).padStart(12, '0')},SECRET-${i.toString(36).padStart(10, '0')},${remark}`);
    writeFileSync(path, '卡号,卡密,备注\n' + lines.join('\n'));
    expect(readFileSync(path).length).toBeGreaterThan(50 * 1024 * 1024);
    const r = await core.call('inventory.import', { jobId: randomUUID(), source: { path }, productId, batch: { unitCostFen: 1 }, mapping: { cardNo: 0, secret: 1 } });
    expect(r).toMatchObject({ ok: true, data: { status: 'committed', imported: 400_000 } });
  }, 240_000);
});
