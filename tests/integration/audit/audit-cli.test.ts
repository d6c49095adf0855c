import { vi, describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { AuditEntry } from '../../../src-shared/contract/index.js';
import { PASSPHRASE } from '../../helpers/core.js';
import { keydesk } from '../../helpers/cli.js';
import { seededCore, suiteDir, T0, MINUTE } from './seed.js';

// Each case spawns the CLI several times (tsx compiles the sources per process): slow on a loaded 2-core box.
vi.setConfig({ testTimeout: 180_000 });

const env = { KEYDESK_PASSPHRASE: PASSPHRASE };

describe('keydesk audit list / export', () => {
  const folder = suiteDir();
  const dataDir = join(folder.dir, 'data');
  let all: AuditEntry[];
  beforeAll(async () => {
    const seeded = await seededCore(60, dataDir);
    all = seeded.all;
    seeded.core.close();
  });
  afterAll(() => folder.remove());

  it('audit list --json filters by Chinese names and Beijing times, newest first', () => {
    // 2026-01-10 08:00–10:00 Beijing is T0 … T0 + 120 min.
    const expected = all
      .filter((e) => e.actor === 'system' && ['delivery.confirm', 'dispatch.reserve'].includes(e.action) && e.at >= T0 && e.at <= T0 + 120 * MINUTE + 59_999)
      .map((e) => e.seq)
      .reverse();
    expect(expected.length).toBeGreaterThan(0);
    const r = keydesk(['audit', 'list', '--data-dir', dataDir, '--json', '--actor', '系统', '--action', '发货成功', '--action', 'dispatch.reserve', '--from', '2026-01-10 08:00', '--to', '2026-01-10 10:00'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.json() as { entries: AuditEntry[]; total: number };
    expect(out.total).toBe(expected.length);
    expect(out.entries.map((e) => e.seq)).toEqual(expected);
  });

  it('audit list reads as Chinese for a person, with paging', () => {
    const onLines = all.filter((e) => e.objectType === 'order_line' && e.objectId === '2');
    const r = keydesk(['audit', 'list', '--data-dir', dataDir, '--object-type', '订单行', '--object-id', '2', '--limit', '2', '--page', '2'], env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^#${onLines.at(-3)!.seq}\\t2026-01-10 \\d\\d:\\d\\d:00\\t(店主|系统|平台)\\t\\S+\\t订单行 2\\t订单号：P\\d+；售价：¥\\d+\\.\\d\\d$`));
    expect(lines.at(-1)).toBe(`第 2 页，显示 2 条，共 ${onLines.length} 条（时间为北京时间）。`);
  });

  it('audit export writes .xlsx and .csv with the filter, and the export is itself audited', async () => {
    const xlsx = join(folder.dir, '审计.xlsx');
    const r = keydesk(['audit', 'export', xlsx, '--data-dir', dataDir, '--json', '--action', '作废卡密'], env);
    expect(r.code).toBe(0);
    const voided = all.filter((e) => e.action === 'key.void');
    expect(r.json()).toEqual({ file: xlsx, rows: voided.length, format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.getWorksheet('审计日志')!;
    expect(sheet.rowCount).toBe(voided.length + 1);
    expect(sheet.getRow(2).getCell(4).value).toBe('作废卡密');

    const csv = join(folder.dir, 'audit.csv');
    expect(keydesk(['audit', 'export', csv, '--data-dir', dataDir, '--actor', 'platform'], env).stdout).toContain('已导出');
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFF序号,时间（北京时间）,操作人')).toBe(true);

    const audited = keydesk(['audit', 'list', '--data-dir', dataDir, '--json', '--action', 'audit.export'], env).json() as { entries: AuditEntry[] };
    expect(audited.entries.map((e) => e.summary)).toEqual([
      { rows: all.filter((e) => e.actor === 'platform').length, format: 'csv', actor: 'platform' },
      { rows: voided.length, format: 'xlsx', actions: 'key.void' },
    ]);
  });

  it.each([
    [['audit', 'list', '--from', '昨天'], '--from 的时间格式不对'],
    [['audit', 'export', join(folder.dir, 'audit.pdf')], '导出文件应以 .xlsx 或 .csv 结尾'],
  ])('refuses %j with a Chinese usage error (exit 2) and writes nothing', (args, message) => {
    const r = keydesk([...args, '--data-dir', dataDir], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(join(folder.dir, 'audit.pdf'))).toBe(false);
  });
});
