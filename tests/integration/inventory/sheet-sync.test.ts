import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync, appendFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { unlockedCore, tempDir, expectOk } from '../../helpers/core.js';
import { addProduct, keyCount } from '../../helpers/inventory.js';
import type { SheetSync } from '../../../src-shared/contract/index.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A published sheet: a CSV served over HTTP, whose content the test changes. */
async function publish(body: () => string | undefined): Promise<string> {
  server = createServer((_req, res) => {
    const text = body();
    if (text === undefined) return void res.writeHead(404).end('gone');
    res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(text);
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/supplier/keys.csv?token=SECRET-LINK-TOKEN`;
}

describe('cloud-sheet sync', () => {
  it('a watched file: imports what is new, skips an unchanged file, and reports a missing one', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const file = join(tempDir(), '坚果云', 'keys.csv');
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '卡号,卡密\nC1,SYNC-0001\nC2,SYNC-0002\n');
    const sync = expectOk<SheetSync>(await core.call('sync.save', { productId, name: '供应商共享表', kind: 'file', location: file, unitCostFen: 900 }));
    expect(sync.locationHint).toBe('keys.csv');

    const first = expectOk<SheetSync>(await core.call('sync.runNow', { id: sync.id }));
    expect(first).toMatchObject({ lastImported: 2, lastError: null });
    const unchanged = expectOk<SheetSync>(await core.call('sync.runNow', { id: sync.id }));
    expect(unchanged.lastImported).toBe(2); // same file: not re-imported at all
    expect(core.services.sqlite.prepare('select count(*) as n from imports').get()).toEqual({ n: 1 });

    appendFileSync(file, 'C3,SYNC-0003\n');
    const grown = expectOk<SheetSync>(await core.call('sync.runNow', { id: sync.id }));
    expect(grown).toMatchObject({ lastImported: 1, lastDuplicates: 2 });
    expect(keyCount(core)).toBe(3);
    expect(core.services.stock.batches(productId)[0]).toMatchObject({ unitCostFen: 900 });

    rmSync(file);
    const missing = expectOk<SheetSync>(await core.call('sync.runNow', { id: sync.id }));
    expect(missing.lastError).toContain('keys.csv');
    expect(keyCount(core)).toBe(3);
  });

  it('a published link: sealed at rest, only new keys, and an error when the link stops working', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    let content: string | undefined = '卡密\nLINK-0001\n';
    const url = await publish(() => content);
    const sync = expectOk<SheetSync>(await core.call('sync.save', { productId, name: '发布的表格', kind: 'url', location: url, unitCostFen: 500, intervalMinutes: 10 }));
    expect(sync.locationHint).toBe(new URL(url).host);
    const raw = core.services.sqlite.prepare('select * from sheet_syncs').get() as Record<string, unknown>;
    expect(JSON.stringify(raw)).not.toContain('SECRET-LINK-TOKEN');

    expect(expectOk<SheetSync>(await core.call('sync.runNow', { id: sync.id })).lastImported).toBe(1);
    content = '卡密\nLINK-0001\nLINK-0002\n';
    expect(expectOk<SheetSync>(await core.call('sync.runNow', { id: sync.id }))).toMatchObject({ lastImported: 1, lastDuplicates: 1 });
    content = undefined;
    const broken = expectOk<SheetSync>(await core.call('sync.runNow', { id: sync.id }));
    expect(broken.lastError).toContain('404');
    expect(broken.lastError).not.toContain('SECRET-LINK-TOKEN');
    expect(keyCount(core)).toBe(2);
  });

  it('the interval drives background checks; a disabled sync is left alone', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    const file = join(tempDir(), 'keys.txt');
    writeFileSync(file, 'TICK-0001\nTICK-0002\n');
    const on = expectOk<SheetSync>(await core.call('sync.save', { productId, name: '开', kind: 'file', location: file, unitCostFen: 1 }));
    const off = expectOk<SheetSync>(await core.call('sync.save', { productId, name: '关', kind: 'file', location: file, unitCostFen: 1, enabled: false }));
    await core.services.sheetSyncs.tick();
    const list = expectOk<SheetSync[]>(await core.call('sync.list', { productId }));
    expect(list.find((s) => s.id === on.id)!.lastImported).toBe(2);
    expect(list.find((s) => s.id === off.id)!.lastCheckedAt).toBeNull();
  });

  it('refuses a link that is not http(s) and a missing location, by field', async () => {
    const { core } = await unlockedCore();
    const productId = await addProduct(core);
    for (const location of ['javascript:alert(1)', 'ftp://example.com/keys.csv', 'file:///etc/passwd', 'not a url']) {
      expect(await core.call('sync.save', { productId, name: 'x', kind: 'url', location, unitCostFen: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ field: 'location' }] } } });
    }
    expect(await core.call('sync.save', { productId, name: 'x', kind: 'file', unitCostFen: 1 })).toMatchObject({ ok: false, error: { details: { issues: [{ field: 'location' }] } } });
  });
});
