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
