// Scheduled backups: run when due (Beijing time), catch up a missed day, keep N of this installation's files,
// and turn an unreachable folder into an alert instead of a crash.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../../src-main/core/index.js';
import type { BackupRecord, EventMessage } from '../../../src-shared/contract/index.js';
import { expectOk, tempDir, unlockedCore } from '../../helpers/core.js';
import { stockedCore } from './helpers.js';

const cores: Core[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 2024-05-01 00:00 Beijing time (a Wednesday). */
const MAY_1 = Date.UTC(2024, 3, 30, 16);

async function scheduledCore(folder: string, keep = 2) {
  const clock = { t: MAY_1 + 2 * HOUR, now() { return this.t; } };
  const { core } = await unlockedCore({ clock });
  cores.push(core);
  expectOk(await core.call('products.save', { code: 'P', name: '测试', priceFen: 100 }));
  const settings = expectOk<{ nextDueAt: number | null }>(await core.call('backup.settings.update', { folder, schedule: 'daily', hour: 3, keep }));
  expect(settings.nextDueAt).toBe(MAY_1 + 3 * HOUR);
  const notices: EventMessage<'app.notice'>[] = [];
  core.onEvent((m) => m.event === 'app.notice' && notices.push(m as EventMessage<'app.notice'>));
  return { core, clock, notices };
}

const history = (core: Core): BackupRecord[] => core.services.backups.list().history;

describe('scheduled backups', () => {
  it('runs once per day after the hour, and rotation keeps only this installation’s newest N', async () => {
    const folder = tempDir('keydesk-backups-');
    // Another installation's backup and a stray file in the same folder: never touched by rotation.
    const other = await stockedCore(1);
    cores.push(other.core);
    const foreign = await other.core.services.backups.run({ folder: tempDir() });
    copyFileSync(foreign.path, join(folder, 'other-shop.kdbak'));
    writeFileSync(join(folder, 'notes.kdbak'), '不是备份');

    const { core, clock } = await scheduledCore(folder, 2);
    await core.services.backups.tick();
    expect(history(core)).toEqual([]); // 02:00: not yet
    clock.t = MAY_1 + 3 * HOUR + 60_000;
    await core.services.backups.tick();
    await core.services.backups.tick();
    expect(history(core)).toMatchObject([{ kind: 'scheduled', status: 'done' }]);
    // The computer was off on May 2nd: the first check on May 3rd catches up once.
    for (const day of [2, 3, 4]) {
      clock.t = MAY_1 + day * DAY + 10 * HOUR;
      await core.services.backups.tick();
    }
    const rows = history(core);
    expect(rows.map((r) => r.status)).toEqual(['done', 'done', 'rotated', 'rotated']);
    const files = readdirSync(folder).sort();
    expect(files).toHaveLength(4);
    expect(files).toEqual(expect.arrayContaining(['other-shop.kdbak', 'notes.kdbak']));
    expect(files.filter((f) => f.startsWith('keydesk-'))).toEqual([rows[1]!.path, rows[0]!.path].map((p) => p.split('/').pop()).sort());
    const settings = expectOk<{ lastBackupAt: number; nextDueAt: number }>(await core.call('backup.settings.get', {}));
    expect(settings.nextDueAt).toBe(MAY_1 + 5 * DAY + 3 * HOUR);
  });

  it('an unreachable folder becomes an alert and a failed row, retried after an hour, never a crash', async () => {
    const folder = tempDir('keydesk-usb-');
    const { core, clock, notices } = await scheduledCore(folder);
    rmSync(folder, { recursive: true });
    clock.t = MAY_1 + 4 * HOUR;
    await core.services.backups.tick();
    expect(notices).toMatchObject([{ payload: { level: 'error', kind: 'backup', message: expect.stringContaining('文件夹不存在') } }]);
    expect(history(core)).toMatchObject([{ status: 'failed', error: expect.stringContaining('移动硬盘') }]);
    clock.t += 10 * 60_000;
    await core.services.backups.tick();
    expect(history(core)).toHaveLength(1);
    clock.t += HOUR;
    await core.services.backups.tick();
    expect(history(core)).toHaveLength(2);
    // The manual button says the same, as an error to the caller (no alert for something the owner is watching).
    const manual = await core.call('backup.run', {});
    expect(manual).toMatchObject({ ok: false, error: { code: 'BACKUP_FOLDER_UNAVAILABLE', message: expect.stringContaining('文件夹不存在') } });
    expect(notices).toHaveLength(2);
  });

  it('refuses settings that cannot work, naming the field', async () => {
    const { core } = await unlockedCore();
    cores.push(core);
    const missing = await core.call('backup.settings.update', { folder: join(tempDir(), 'not-there') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'BACKUP_FOLDER_UNAVAILABLE', message: expect.stringContaining('文件夹不存在') } });
    expect(await core.call('backup.settings.update', { folder: 'relative/path' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { field: 'folder' } } });
    expect(await core.call('backup.settings.update', { schedule: 'daily' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('备份文件夹') } });
    expect(await core.call('backup.settings.update', { keep: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.call('backup.run', {})).toMatchObject({ ok: false, error: { code: 'BACKUP_FOLDER_UNAVAILABLE', message: expect.stringContaining('还没有选择备份文件夹') } });
    expect(expectOk(await core.call('backup.settings.get', {}))).toMatchObject({ folder: null, schedule: 'off', keep: 7, nextDueAt: null });
  });
});
