import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { unlockedCore, expectOk } from '../../helpers/core.js';
import { addProduct, importText, keyCount } from '../../helpers/inventory.js';
import type { ImportOutcome, ImportRecord } from '../../../src-shared/contract/index.js';

const SHEET = ['卡号,卡密,有效期', 'C001,AAAA-1111-XXXX,2099-06-30', 'C002,BBBB-2222-YYYY,2099/6/30', 'C003,CCCC-3333-ZZZZ,2099年6月30日'].join('\n');

describe('importing keys', () => {
  it('imports pasted CSV: sealed secrets, a batch with its cost, history and audit', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const out = await importText(core, productId, SHEET);
    expect(out).toMatchObject({ status: 'committed', imported: 3, duplicatesInFile: 0, duplicatesInStock: 0, invalid: [], invalidCount: 0 });
    const batch = core.services.stock.batches(productId)[0]!;
    expect(batch).toMatchObject({ unitCostFen: 1500, supplier: '测试供应商', stock: { available: 3 } });
    const keys = core.services.stock.keysPage({ productId, limit: 10 });
    expect(keys.rows.map((k) => k.cardNo).sort()).toEqual(['C001', 'C002', 'C003']);
    expect(keys.rows.find((k) => k.cardNo === 'C001')!.secretMasked).toBe('AAAA****XX');
    // 2099-06-30 as a China calendar day ends at 15:59:59.999 UTC.
    expect(new Date(keys.rows[0]!.expiresAt!).toISOString()).toBe('2099-06-30T15:59:59.999Z');
    const raw = core.services.sqlite.prepare('select secret_sealed from keys').all() as { secret_sealed: Buffer }[];
    for (const r of raw) expect(r.secret_sealed.includes(Buffer.from('AAAA-1111'))).toBe(false);
    const history = expectOk<ImportRecord[]>(await core.call('inventory.imports', {}));
    expect(history[0]).toMatchObject({ status: 'committed', imported: 3, canUndo: true });
    expect(core.services.audit.list(5).entries.map((e) => e.action)).toContain('import.commit');
  });

  it('counts keys already in stock and duplicates inside the file, never storing either twice', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    await importText(core, productId, SHEET);
    const again = await importText(core, productId, SHEET);
    expect(again).toMatchObject({ status: 'committed', imported: 0, duplicatesInStock: 3, batchId: null });
    const twice = await importText(core, productId, '卡密\nDDDD-4444\nDDDD-4444\nDDDD -4444\nEEEE-5555');
    expect(twice).toMatchObject({ imported: 2, duplicatesInFile: 2 });
    expect(keyCount(core)).toBe(5);
  });

  it('flags a card number that arrives with a different secret instead of storing both', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    await importText(core, productId, SHEET);
    const out = await importText(core, productId, '卡号,卡密\nC001,A-DIFFERENT-SECRET\nC009,FRESH-9999', { mode: 'partial' });
    expect(out.imported).toBe(1);
    expect(out.invalid).toEqual([{ row: 2, reason: expect.stringContaining('卡号 C001 已有另一条不同的卡密') }]);
  });

  it('all-or-nothing by default: one bad row and nothing lands, but the refusal is in history with its problems', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const out = await importText(core, productId, '卡号,卡密,有效期\nC1,GOOD-0001,2099-01-01\nC2,,2099-01-01\nC3,GOOD-0003,2027-02-30');
    expect(out.status).toBe('rejected');
    expect(out.imported).toBe(0);
    expect(out.invalid).toEqual([
      { row: 3, reason: '卡密为空' },
      { row: 4, reason: expect.stringContaining('2027-02-30') },
    ]);
    expect(keyCount(core)).toBe(0);
    expect(core.services.stock.batches()).toHaveLength(0);
    const problems = expectOk<{ downloadId: string; rows: number }>(await core.call('inventory.importProblems', { importId: out.importId! }));
    expect(problems.rows).toBe(2);
  });

  it('"import valid rows, report the rest" lands the good rows only', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const out = await importText(core, productId, '卡号,卡密\nC1,GOOD-0001\nC2,\nC3,GOOD-0003', { mode: 'partial' });
    expect(out).toMatchObject({ status: 'committed', imported: 2, invalidCount: 1 });
  });

  it('uses the owner\'s column mapping and header row over the guess', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const out = await importText(core, productId, 'x,y\nfoo,KEY-A-0001\nbar,KEY-B-0002', { headerRow: 1, mapping: { secret: 1, note: 0 } });
    expect(out.imported).toBe(2);
    const refused = await core.call('inventory.import', { jobId: randomUUID(), source: { text: 'a\nb' }, productId, mapping: { secret: 5 }, batch: { unitCostFen: 0 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'IMPORT_BAD_MAPPING' } });
  });

  it('refuses empty input, header-only sheets and products that take no keys, writing nothing', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const direct = await addProduct(core, 'TOPUP', { type: 'direct' });
    const call = (text: string, pid = productId) => core.call('inventory.import', { jobId: randomUUID(), source: { text }, productId: pid, batch: { unitCostFen: 0 } });
    expect(await call('卡号,卡密')).toMatchObject({ ok: false, error: { code: 'IMPORT_HEADER_ONLY' } });
    expect(await call('   \n\n')).toMatchObject({ ok: false, error: { code: expect.stringMatching(/IMPORT_EMPTY_FILE|IMPORT_NO_KEY_COLUMN/) } });
    expect(await call('K-1', direct)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(keyCount(core)).toBe(0);
    expect(readdirSync(core.services.files.tmpDir)).toEqual([]);
  });

  it('cancels a running import: nothing written, staging removed', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const jobId = randomUUID();
    const text = '卡密\n' + Array.from({ length: 60_000 }, (_, i) => `KEY-${String(i).padStart(8, '0')}`).join('\n');
    core.onEvent((m) => {
      if (m.event === 'import.progress') void core.call('inventory.cancelImport', { jobId });
    });
    const result = await core.call('inventory.import', { jobId, source: { text }, productId, batch: { unitCostFen: 0 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'IMPORT_CANCELLED' } });
    expect(keyCount(core)).toBe(0);
    expect(readdirSync(core.services.files.tmpDir)).toEqual([]);
  });

  it('undoes a whole import while none of its keys left stock, and refuses once one has', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const first = await importText(core, productId, SHEET);
    const undone = expectOk<ImportRecord>(await core.call('inventory.undoImport', { importId: first.importId!, reason: '供应商发错了批次' }));
    expect(undone).toMatchObject({ status: 'undone', canUndo: false });
    expect(keyCount(core)).toBe(0);
    // The same file can come back in after an undo.
    const second = await importText(core, productId, SHEET);
    expect(second.imported).toBe(3);
    core.services.sqlite.prepare("update keys set status = 'delivered' where card_no = 'C001'").run();
    expect(await core.call('inventory.undoImport', { importId: second.importId!, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(keyCount(core)).toBe(3);
  });

  it('emits progress while reading', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const phases: string[] = [];
    core.onEvent((m) => m.event === 'import.progress' && phases.push((m.payload as { phase: string }).phase));
    const out: ImportOutcome = await importText(core, productId, '卡密\nK-0001\nK-0002');
    expect(out.imported).toBe(2);
    expect(phases.at(-1)).toBe('done');
    expect(phases).toContain('saving');
  });
});


describe('a cancel that overtakes its import', () => {
  it('still cancels: the import starts cancelled and writes nothing', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const jobId = randomUUID();
    await core.call('inventory.cancelImport', { jobId });
    const r = await core.call('inventory.import', { jobId, source: { text: '卡密\nK-0001' }, productId, batch: { unitCostFen: 0 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'IMPORT_CANCELLED' } });
    expect(keyCount(core)).toBe(0);
  });
});
