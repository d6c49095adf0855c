import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Core } from '../../../src-main/core/index.js';
import type { AuditEntry } from '../../../src-shared/contract/index.js';
import { formatTime } from '../../../src-shared/format.js';
import { expectOk } from '../../helpers/core.js';
import { allEntries, seededCore, suiteDir } from './seed.js';

type Exported = { downloadId: string; fileName: string; rows: number };
const HEADER = ['序号', '时间（北京时间）', '操作人', '操作', '对象', '内容', '校验码'];

function macOf(core: Core, seq: number): string {
  return (core.services.sqlite.prepare('select mac from audit_log where seq = ?').get(seq) as { mac: string }).mac;
}

describe('audit.export', () => {
  let core: Core;
  let all: AuditEntry[];
  const folder = suiteDir();
  beforeAll(async () => {
    ({ core, all } = await seededCore(80, folder.dir));
  });
  afterAll(() => {
    core?.close();
    folder.remove();
  });

  it('writes the filtered entries to .xlsx in Chinese, oldest first, and audits the export', async () => {
    const filters = { objectType: 'order_line', action: ['dispatch.reserve', 'delivery.confirm'] };
    const expected = all.filter((e) => e.objectType === 'order_line' && ['dispatch.reserve', 'delivery.confirm'].includes(e.action));
    expect(expected.length).toBeGreaterThan(5);
    const out = expectOk<Exported>(await core.call('audit.export', { filters, format: 'xlsx' }));
    expect(out.rows).toBe(expected.length);
    expect(out.fileName).toMatch(/^审计日志-\d{12}\.xlsx$/);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(core.services.files.download(out.downloadId).path);
    const sheet = workbook.getWorksheet('审计日志')!;
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows[0]).toEqual(HEADER);
    expect(rows.length - 1).toBe(expected.length);
    expect(rows.slice(1).map((r) => r[0])).toEqual(expected.map((e) => e.seq));

    const first = expected[0]!;
    const row = rows[1]!;
    expect(row[1]).toBe(formatTime(first.at));
    expect(['店主', '系统', '平台']).toContain(row[2]);
    expect(row[3]).toBe(first.action === 'dispatch.reserve' ? '锁定卡密' : '发货成功');
    expect(row[4]).toBe(`订单行 ${first.objectId}`);
    expect(row[5]).toBe(`订单号：${String(first.summary.order)}；售价：¥${(Number(first.summary.priceFen) / 100).toFixed(2)}`);
    expect(row[6]).toBe(macOf(core, first.seq));

    const last = core.services.audit.list(1).entries[0]!;
    expect(last).toMatchObject({ actor: 'owner', action: 'audit.export', objectType: 'audit_log', summary: { rows: expected.length, format: 'xlsx', objectType: 'order_line', actions: 'dispatch.reserve,delivery.confirm' } });
    expect(core.services.audit.verify().ok).toBe(true);
  });

  it('writes .csv with a BOM so Excel reads the Chinese, one line per entry', async () => {
    const expected = all.filter((e) => e.actor === 'platform');
    const out = expectOk<Exported>(await core.call('audit.export', { filters: { actor: 'platform' }, format: 'csv' }));
    expect(out.fileName).toMatch(/\.csv$/);
    const bytes = readFileSync(core.services.files.download(out.downloadId).path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(HEADER.join(','));
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines.slice(1).every((l) => l.split(',')[2] === '平台')).toBe(true);
    expect(lines[1]).toContain(`订单号：${String(expected[0]!.summary.order)}`);
    expect(lines[1]!.endsWith(macOf(core, expected[0]!.seq))).toBe(true);
  });

  it('an export that matches nothing is a header-only file, still audited', async () => {
    const before = allEntries(core).length;
    const out = expectOk<Exported>(await core.call('audit.export', { filters: { action: 'no.such.action' }, format: 'csv' }));
    expect(out.rows).toBe(0);
    expect(readFileSync(core.services.files.download(out.downloadId).path, 'utf8')).toBe('\uFEFF' + HEADER.join(',') + '\r\n');
    expect(allEntries(core)).toHaveLength(before + 1);
  });

  it('refuses an unknown format or a backwards time range, exporting and auditing nothing', async () => {
    const before = allEntries(core).length;
    const pdf = await core.call('audit.export', { filters: {}, format: 'pdf' });
    expect(pdf).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ field: 'format' }] } } });
    const backwards = await core.call('audit.export', { filters: { from: 2000, to: 1000 }, format: 'xlsx' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: [{ field: 'filters.to', message: '结束时间不能早于开始时间' }] } } });
    expect(allEntries(core)).toHaveLength(before);
  });
});
