import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { readRows } from '../../src-main/core/inventory/reading/index.js';
import { createCore } from '../../src-main/core/index.js';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

/** Writes N pair keys (19-digit card number as text + secret) with exceljs's streaming writer. */
export async function writeKeysXlsx(path: string, n: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = wb.addWorksheet('卡密');
  sheet.addRow(['卡号', '卡密', '有效期']).commit();
  for (let i = 0; i < n; i++) {
    sheet.addRow([`6225${String(i).padStart(15, '0')}`, `K${i.toString(36).toUpperCase().padStart(8, '0')}-${((i * 2654435761) % 4294967296).toString(16).padStart(8, '0')}`, '2099-12-31']).commit();
  }
  await wb.commit();
}

/** One measured phase in its own process, so its peak RSS is its own. */
function child(role: string, file: string, dir: string): { ms: number; rows: number; maxRssMb: number; loopP99Ms?: number; loopMaxMs?: number } {
  const r = spawnSync(process.execPath, ['bin/keydesk-bench.js', 'import', '--role', role, '--file', file, '--dir', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${role} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as ReturnType<typeof child>;
}

async function parseOnly(file: string) {
  const started = performance.now();
  let rows = 0;
  for await (const chunk of readRows({ path: file }, {})) rows += chunk.length;
  return { ms: Math.round(performance.now() - started), rows, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

async function fullImport(file: string, dir: string) {
  const core = createCore({ dataDir: dir, host: 'cli', version: 'bench', scrypt: FAST_SCRYPT });
  await core.services.vault.setup({ method: 'passphrase', passphrase: 'bench passphrase' });
  const product = core.services.products.save({ code: 'BENCH', name: '压测商品', priceFen: 100 });
  // How long the event loop was ever blocked during the import: what a window or browser would feel.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const started = performance.now();
  const outcome = await core.services.imports.run({ jobId: randomUUID(), source: { path: file }, productId: product.id, sheet: 0, mode: 'all', batch: { supplier: '', unitCostFen: 50, priority: 0, note: '' } });
  const ms = Math.round(performance.now() - started);
  lag.disable();
  core.close();
  if (outcome.status !== 'committed') throw new Error(`import rejected: ${outcome.rejectedBecause}`);
  return {
    ms, rows: outcome.imported, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    loopP99Ms: Math.round(lag.percentile(99) / 1e6), loopMaxMs: Math.round(lag.max / 1e6),
  };
}

export async function importBench(opts: Record<string, string | boolean | undefined>): Promise<unknown> {
  if (opts.role === 'parse') return parseOnly(String(opts.file));
  if (opts.role === 'import') return fullImport(String(opts.file), String(opts.dir));
  const n = Number(opts.keys ?? 100_000);
  const work = mkdtempSync(join(tmpdir(), 'keydesk-bench-'));
  try {
    const file = join(work, `keys-${n}.xlsx`);
    await writeKeysXlsx(file, n);
    const parse = child('parse', file, work);
    const imported = child('import', file, join(work, 'data'));
    if (imported.rows !== n) throw new Error(`imported ${imported.rows} of ${n}`);
    return {
      scenario: 'import', keys: n, fileMb: +(statSync(file).size / 1048576).toFixed(1),
      parseMs: parse.ms, importMs: imported.ms, ratio: +(imported.ms / parse.ms).toFixed(2),
      keysPerSec: Math.round(n / (imported.ms / 1000)), peakRssMb: imported.maxRssMb, parseRssMb: parse.maxRssMb,
      eventLoopP99Ms: imported.loopP99Ms, eventLoopMaxMs: imported.loopMaxMs,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
