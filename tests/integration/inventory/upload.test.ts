import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { unlockedCore, expectOk } from '../../helpers/core.js';

describe('uploaded supplier files', () => {
  it('are removed at once when the owner abandons the import', async () => {
    const { core } = await unlockedCore();
    const { uploadId } = await core.services.files.saveUpload(Readable.from([Buffer.from('卡密\nPLAIN-SECRET-1')]), 'keys.txt');
    const path = core.services.files.upload(uploadId).path;
    expect(existsSync(path)).toBe(true);
    expect(expectOk(await core.call('inventory.discardUpload', { uploadId }))).toEqual({ discarded: true });
    expect(existsSync(path)).toBe(false);
    expect(await core.call('inventory.discardUpload', { uploadId: '../../keydesk.db' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuse an upload over the limit, keeping nothing', async () => {
    const { core } = await unlockedCore();
    const big = Readable.from([Buffer.alloc(1024), Buffer.alloc(1024)]);
    await expect(core.services.files.saveUpload(big, 'big.csv', 1500)).rejects.toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE' });
    expect(readdirSync(core.services.files.uploadsDir)).toEqual([]);
  });
});

describe('the start-up sweep', () => {
  it('removes a crashed import\'s staging file but keeps one a live process is writing', async () => {
    const { core } = await unlockedCore();
    const files = core.services.files;
    const live = files.tmpPath('import-live.db');
    const crashed = `${files.tmpDir}/p999999-import-crashed.db`;
    const legacy = `${files.tmpDir}/import-unknown.db`;
    for (const f of [live, crashed, legacy]) writeFileSync(f, 'x');
    files.sweep();
    expect(existsSync(live)).toBe(true);
    expect(existsSync(crashed)).toBe(false);
    expect(existsSync(legacy)).toBe(false);
  });
});

describe('an import of an upload that is gone', () => {
  it('is a typed NOT_FOUND, and the same job id can be used again', async () => {
    const { core } = await unlockedCore();
    const productId = core.services.products.save({ code: 'GONE', name: 'x', priceFen: 1 }).id;
    const missing = await core.call('inventory.import', { jobId: 'job-gone-1', source: { uploadId: 'no-such-upload' }, productId, batch: { unitCostFen: 0 } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const again = await core.call('inventory.import', { jobId: 'job-gone-1', source: { text: '卡密\nGONE-1' }, productId, batch: { unitCostFen: 0 } });
    expect(again).toMatchObject({ ok: true, data: { imported: 1 } });
  });
});
