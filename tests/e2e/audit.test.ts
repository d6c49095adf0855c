import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../src-main/core/index.js';
import type { AuditEntry } from '../../src-shared/contract/index.js';
import { openSession, completeWizard, SHOTS_DIR, type Session } from './harness.js';

async function rpc<T>(s: Session, method: string, input: unknown): Promise<T> {
  const res = await fetch(`${s.origin}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'x-keydesk-token': s.token, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.data;
}

/** Someone edits one entry with a SQLite tool while KeyDesk runs, and puts the append-only trigger back. */
function tamper(dataDir: string, seq: number): void {
  const raw = new Database(join(dataDir, DATABASE_FILE));
  const trigger = (raw.prepare(`select sql from sqlite_master where type = 'trigger' and name = 'audit_log_no_update'`).get() as { sql: string }).sql;
  raw.exec('drop trigger audit_log_no_update');
  raw.prepare(`update audit_log set summary = json_set(summary, '$.priceFen', 1) where seq = ?`).run(seq);
  raw.exec(trigger);
  raw.close();
}

describe('审计日志 in 设置: filter, verify, locate the tampered entry, export', () => {
  let s: Session;
  let tampered: AuditEntry;
  beforeAll(async () => {
    s = await openSession();
    await s.page.goto(s.url);
    await completeWizard(s.page);
    // A few days' work through the same API the screens use: products added, then repriced.
    const ids: number[] = [];
    for (let i = 1; i <= 8; i++) ids.push((await rpc<{ id: number }>(s, 'products.save', { code: `VIP-${i}`, name: `视频会员月卡 ${i} 号`, priceFen: 1500 + i * 100 })).id);
    for (const [i, id] of ids.slice(0, 4).entries()) await rpc(s, 'products.save', { id, code: `VIP-${i + 1}`, name: `视频会员月卡 ${i + 1} 号`, priceFen: 1990 });
    const created = await rpc<{ entries: AuditEntry[] }>(s, 'audit.list', { action: 'product.create', limit: 50 });
    tampered = created.entries.find((e) => e.summary.code === 'VIP-5')!;
    tamper(s.dataDir, tampered.seq);
  });
  afterAll(async () => s?.close());

  it('filters by an action picked by its Chinese name', async () => {
    const { page } = s;
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-tab-audit').click();
    await page.getByTestId('audit-table').waitFor();
    await expect.poll(() => page.getByTestId('audit-count').innerText()).toMatch(/^共 \d+ 条记录$/);

    await page.getByTestId('audit-filter-action').click();
    await page.keyboard.type('商品');
    await page.getByRole('option', { name: /新增商品/ }).waitFor();
    await s.screenshot('audit-action-search');
    await page.getByRole('option', { name: /修改商品/ }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('audit-count').innerText()).toBe('符合筛选的记录 4 条');
    const rows = page.locator('[data-testid^="audit-row-"]');
    await expect.poll(() => rows.count()).toBe(4);
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain('修改商品');
      expect(text).toContain('售价：¥19.90');
    }
  });

  it('verifies the chain, names the edited entry and 定位 goes to it, highlighted', async () => {
    const { page } = s;
    await page.getByTestId('audit-verify').click();
    const firstBroken = page.getByTestId('audit-first-broken');
    await firstBroken.waitFor();
    expect(await firstBroken.getAttribute('data-seq')).toBe(String(tampered.seq));
    expect(await firstBroken.innerText()).toContain(`第 ${tampered.seq} 条记录`);
    expect(await firstBroken.innerText()).toContain('内容被改动（校验码不符）');

    await page.getByTestId('audit-locate').click();
    const row = page.getByTestId(`audit-row-${tampered.seq}`);
    await row.waitFor();
    expect(await row.getAttribute('data-highlighted')).toBe('true');
    expect(await row.innerText()).toContain('新增商品');
    expect(await row.innerText()).toContain('售价：¥0.01');
    expect(await row.innerText()).toContain('被改动');
    await expect.poll(() => page.getByTestId('audit-count').innerText()).toMatch(/^共 \d+ 条记录$/);
    // The picture: the verdict, the filter bar and the highlighted entry together.
    await page.getByTestId('settings-tab-audit').scrollIntoViewIfNeeded();
    await page.waitForTimeout(400); // the scroll and the tint settle before the picture
    expect(await row.isVisible()).toBe(true);
    await s.screenshot('audit');
    mkdirSync('docs/screenshots', { recursive: true });
    copyFileSync(join(SHOTS_DIR, 'audit.png'), 'docs/screenshots/audit.png');
  });

  it('exports what the filter shows as CSV with a BOM, and the export is audited', async () => {
    const { page } = s;
    await page.getByTestId('audit-filter-action').click();
    await page.keyboard.type('新增商品');
    await page.getByRole('option', { name: /新增商品/ }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('audit-count').innerText()).toBe('符合筛选的记录 8 条');
    await page.getByTestId('audit-export').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^审计日志-\d{12}\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF序号,时间（北京时间）,操作人,操作,对象,内容,校验码')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(9);
    expect(lines.slice(1).every((l) => l.includes(',店主,新增商品,商品 '))).toBe(true);
    const exported = await rpc<{ entries: AuditEntry[] }>(s, 'audit.list', { action: 'audit.export', limit: 5 });
    expect(exported.entries[0]!.summary).toMatchObject({ rows: 8, format: 'csv', actions: 'product.create' });
    expect(s.problems).toEqual([]);
  });
});
