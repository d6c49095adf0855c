import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { unlockedCore, expectOk } from '../../helpers/core.js';
import { addProduct, importText } from '../../helpers/inventory.js';
import type { KeyRow, ProductStock } from '../../../src-shared/contract/index.js';

async function stocked(n = 5) {
  const { core } = await unlockedCore();
  const productId = await addProduct(core);
  const lines = Array.from({ length: n }, (_, i) => `62258800000000${String(i).padStart(5, '0')},SECRET-${String(i).padStart(4, '0')}-QWERTY`);
  await importText(core, productId, ['卡号,卡密', ...lines].join('\n'));
  return { core, productId };
}

describe('the keys table', () => {
  it('pages newest first with a keyset cursor and filters by status and card-number prefix', async () => {
    const { core, productId } = await stocked(7);
    const first = expectOk<{ rows: KeyRow[]; nextAfterId: number | null; total: number }>(await core.call('inventory.keys', { productId, limit: 3 }));
    expect(first.total).toBe(7);
    expect(first.rows.map((r) => r.id)).toEqual([...first.rows.map((r) => r.id)].sort((a, b) => b - a));
    const second = expectOk<{ rows: KeyRow[]; nextAfterId: number | null }>(await core.call('inventory.keys', { productId, limit: 3, afterId: first.nextAfterId! }));
    expect(second.rows[0]!.id).toBeLessThan(first.rows[2]!.id);
    const found = expectOk<{ rows: KeyRow[]; total: number }>(await core.call('inventory.keys', { cardNo: '6225880000000000004', limit: 10 }));
    expect(found.rows.map((r) => r.cardNo)).toEqual(['6225880000000000004']);
    const prefix = expectOk<{ total: number }>(await core.call('inventory.keys', { cardNo: '62258800000000000', limit: 10 }));
    expect(prefix.total).toBe(7);
    expect(JSON.stringify(found)).not.toContain('SECRET-0004-QWERTY');
  });

  it('reveals a secret only on request, and audits it', async () => {
    const { core } = await stocked(1);
    const [row] = core.services.stock.keysPage({ limit: 1 }).rows;
    const revealed = expectOk<{ secret: string }>(await core.call('inventory.revealKey', { id: row!.id, reason: '买家说卡密无效，核对' }));
    expect(revealed.secret).toBe('SECRET-0000-QWERTY');
    const entry = core.services.audit.list(1).entries[0]!;
    expect(entry).toMatchObject({ action: 'key.reveal', objectId: String(row!.id), summary: { reason: '买家说卡密无效，核对' } });
    expect(JSON.stringify(entry)).not.toContain('SECRET-0000');
  });

  it('voids with a reason and restores; delivered keys are not touched', async () => {
    const { core, productId } = await stocked(3);
    const ids = core.services.stock.keysPage({ limit: 3 }).rows.map((r) => r.id);
    core.services.sqlite.prepare("update keys set status = 'delivered' where id = ?").run(ids[2]);
    expect(await core.call('inventory.voidKeys', { ids, reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(expectOk(await core.call('inventory.voidKeys', { ids, reason: '供应商通知作废' }))).toEqual({ changed: 2, skipped: 1 });
    const [p] = expectOk<ProductStock[]>(await core.call('products.list', {}));
    expect(p!.stock).toMatchObject({ available: 0, void: 2, delivered: 1 });
    expect(core.services.stock.keysPage({ productId, status: 'void', limit: 5 }).rows[0]!.voidReason).toBe('供应商通知作废');
    expect(expectOk(await core.call('inventory.restoreKeys', { ids: [ids[0]!], reason: '误操作' }))).toEqual({ changed: 1, skipped: 0 });
    expect(core.services.audit.list(3).entries.map((e) => e.action)).toEqual(['key.restore', 'key.void', 'import.commit']);
  });

  it('exports masked by default; plaintext only with the typed confirmation, audited', async () => {
    const { core, productId } = await stocked(2);
    const refused = await core.call('inventory.exportKeys', { filter: { productId }, format: 'csv', plaintext: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ field: 'confirm' }] } } });
    const masked = expectOk<{ downloadId: string; rows: number }>(await core.call('inventory.exportKeys', { filter: { productId }, format: 'csv' }));
    const csv = readFileSync(core.services.files.download(masked.downloadId).path, 'utf8');
    expect(csv.startsWith('\uFEFF编号,卡号,卡密')).toBe(true);
    expect(csv).toContain('SECR****TY');
    expect(csv).not.toContain('SECRET-0000-QWERTY');
    const plain = expectOk<{ downloadId: string; rows: number }>(await core.call('inventory.exportKeys', { filter: { productId }, format: 'xlsx', plaintext: true, confirm: '导出明文' }));
    expect(plain.rows).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(core.services.files.download(plain.downloadId).path);
    const values = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(values).toContain('SECRET-0001-QWERTY');
    expect(values).toContain('6225880000000000001'); // a 19-digit card number stays exact text
    expect(core.services.audit.list(2).entries.map((e) => e.action)).toEqual(['key.export.plaintext', 'key.export.masked']);
  });
});

describe('products', () => {
  it('refuses a duplicate code and an empty combo by field, and reports low stock', async () => {
    const { core } = await unlockedCore();
    await addProduct(core, 'A1', { lowStockThreshold: 5 });
    expect(await core.call('products.save', { code: 'A1', name: '另一个', priceFen: 100 })).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'code' }] } } });
    expect(await core.call('products.save', { code: 'BUNDLE', name: '组合', priceFen: 100, type: 'combo' })).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'components' }] } } });
    expect(await core.call('products.save', { code: 'bad code!', name: 'x', priceFen: 100 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.call('products.save', { code: 'NEG', name: 'x', priceFen: -1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const [p] = expectOk<ProductStock[]>(await core.call('products.list', {}));
    expect(p).toMatchObject({ code: 'A1', lowStock: true, stock: { available: 0 } });
  });
});

describe('expiry', () => {
  it('moves keys past their expiry day out of the available pool, once, audited', async () => {
    let now = Date.UTC(2027, 0, 1);
    const { core } = await unlockedCore({ clock: { now: () => now } });
    const productId = await addProduct(core);
    await importText(core, productId, '卡密,有效期\nEXP-0001,2027-01-10\nEXP-0002,2027-03-01\nEXP-0003,');
    now = Date.UTC(2027, 0, 11);
    expect(core.services.keyActions.expireDue()).toEqual({ expired: 1, productIds: [productId] });
    expect(core.services.keyActions.expireDue().expired).toBe(0);
    const [p] = expectOk<ProductStock[]>(await core.call('products.list', {}));
    expect(p!.stock).toMatchObject({ available: 2, expired: 1 });
    expect(core.services.audit.list(1).entries[0]).toMatchObject({ action: 'key.expire', actor: 'system', summary: { expired: 1 } });
  });
});

describe('stock counts', () => {
  it('stay equal to a count over the keys through import, void, restore, expiry and undo', async () => {
    let now = Date.UTC(2027, 0, 1);
    const { core } = await unlockedCore({ clock: { now: () => now } });
    const productId = await addProduct(core);
    const first = await importText(core, productId, '卡密,有效期\nSC-1,2027-01-05\nSC-2,2099-01-01\nSC-3,2099-01-01');
    await importText(core, productId, '卡密\nSC-4\nSC-5');
    const ids = core.services.stock.keysPage({ limit: 10 }).rows.map((r) => r.id);
    core.services.keyActions.void(ids.slice(0, 2), '测试');
    core.services.keyActions.restore(ids.slice(0, 1), '测试');
    now = Date.UTC(2027, 0, 6);
    core.services.keyActions.expireDue();
    core.services.imports.undo(first.importId!, '测试');
    const kept = core.services.sqlite.prepare('select product_id, batch_id, status, n from stock_counts where n > 0 order by 1, 2, 3').all();
    const actual = core.services.sqlite.prepare('select product_id, batch_id, status, count(*) as n from keys group by 1, 2, 3 order by 1, 2, 3').all();
    expect(kept).toEqual(actual);
    expect(core.services.stock.keysPage({ productId, limit: 1 }).total).toBe(2);
  });
});
