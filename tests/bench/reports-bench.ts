// `npm run bench -- reports [--orders N]`: every report over N (default 1,000,000) order lines of a year,
// through `core.call` as the screen calls it, over the whole year and the last 30 days (best of 3 each).
// Also the ledger's 重新计算 from scratch: seconds, lines/s and the longest single chunk (the event loop is
// held for at most one chunk). Baseline in the same run: `select sum(price_fen) from order_lines`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src-main/core/index.js';
import type { MethodName, PlatformName } from '../../src-shared/contract/index.js';
import { addDays, dayOf } from '../../src-shared/reports/days.js';
import { buildSales, type BenchShop } from './reports-bench-data.js';
import { expectOk, idleAdapter } from './bench-core.js';

const GOAL_MS = 1000;
const RUNS = 3;



const SHOPS: { platform: PlatformName; name: string; rateBp: number }[] = [
  { platform: 'taobao', name: '淘宝旗舰店', rateBp: 60 }, { platform: 'taobao', name: '淘宝二店', rateBp: 60 },
  { platform: 'pdd', name: '拼多多店', rateBp: 100 }, { platform: 'pdd', name: '拼多多二店', rateBp: 100 },
  { platform: 'doudian', name: '抖店', rateBp: 200 }, { platform: 'site', name: '独立站', rateBp: 0 },
];

/** Best wall time of RUNS calls, or the error the report gave. */
async function timed(core: Core, method: MethodName, input: unknown): Promise<number | { error: string }> {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const out = await core.call(method, input);
    const ms = performance.now() - t0;
    if (!out.ok) return { error: out.error.message.slice(0, 200) };
    best = Math.min(best, ms);
  }
  return Math.round(best);
}

export async function reportsBench(opts: Record<string, string | boolean | undefined>): Promise<unknown> {
  const total = Number(opts.orders ?? 1_000_000);
  const work = mkdtempSync(join(tmpdir(), 'keydesk-bench-reports-'));
  const now = Date.now();
  try {
    const adapters = { taobao: idleAdapter('taobao'), pdd: idleAdapter('pdd'), doudian: idleAdapter('doudian'), site: idleAdapter('site') };
    const core = createCore({ dataDir: join(work, 'data'), host: 'cli', version: 'bench', scrypt: { N: 1024, r: 8, p: 1 }, clock: { now: () => now }, adapters });
    const s = core.services;
    await s.vault.setup({ method: 'passphrase', passphrase: 'bench passphrase' });
    const shops: BenchShop[] = [];
    for (const shop of SHOPS) {
      const { id } = expectOk<{ id: number }>(await core.call('shops.add', { platform: shop.platform, name: shop.name, credentials: { appKey: '12345678', appSecret: 'secret-secret' } }));
      expectOk(await core.call('reports.setFeeRate', { shopId: id, rateBp: shop.rateBp }));
      shops.push({ id, platform: shop.platform });
    }

    const b0 = performance.now();
    const built = buildSales(s, { lines: total, now, shops });
    const buildS = +((performance.now() - b0) / 1000).toFixed(1);

    // 重新计算, timing each chunk: drain() calls refreshChunk through the instance.
    const ledger = s.reports.ledger;
    const chunkMs: number[] = [];
    let firstChunkAt = 0;
    const refreshChunk = ledger.refreshChunk.bind(ledger);
    ledger.refreshChunk = (max?: number) => {
      const t = performance.now();
      if (!firstChunkAt) firstChunkAt = t;
      const n = refreshChunk(max);
      chunkMs.push(performance.now() - t);
      return n;
    };
    const r0 = performance.now();
    await ledger.rebuild();
    const rebuildMs = performance.now() - r0;
    ledger.refreshChunk = refreshChunk;
    const lines = ledger.lines();

    const sum = s.sqlite.prepare('select sum(price_fen) from order_lines').pluck();
    let baselineMs = Infinity;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      sum.get();
      baselineMs = Math.min(baselineMs, performance.now() - t0);
    }

    const today = dayOf(now);
    const ranges = { year: { from: addDays(today, -364), to: today }, last30: { from: addDays(today, -29), to: today } };
    const reports: Record<string, Record<string, unknown>> = {};
    const all: number[] = [];
    let missing = false;
    const record = (range: string, name: string, v: number | { error: string }) => {
      (reports[range] ??= {})[name] = typeof v === 'number' ? { ms: v, ratio: +(v / baselineMs).toFixed(1) } : v;
      if (typeof v === 'number') all.push(v);
      else missing = true;
    };
    for (const [range, r] of Object.entries(ranges)) {
      record(range, 'hot', await timed(core, 'reports.hot', { ...r, sortBy: 'profit', limit: 50 }));
      for (const groupBy of ['day', 'product', 'shop'] as const) record(range, `profit.${groupBy}`, await timed(core, 'reports.profit', { ...r, groupBy }));
      record(range, 'customers', await timed(core, 'reports.customers', r));
      record(range, 'inventory', await timed(core, 'reports.inventory', r));
      record(range, 'suppliers', await timed(core, 'reports.suppliers', r));
    }
    record('today', 'workbench', await timed(core, 'reports.workbench', {}));
    core.close();

    const slowest = all.length ? Math.max(...all) : null;
    const sorted = [...chunkMs].sort((a, b) => a - b);
    const at = (q: number) => +(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1);
    return {
      scenario: 'reports', ...built, ledgerLines: lines, buildS, loadAverage: loadavg().map((l) => +l.toFixed(1)),
      rebuild: {
        s: +(rebuildMs / 1000).toFixed(1), linesPerS: Math.round(lines / (rebuildMs / 1000)), chunks: chunkMs.length,
        longestChunkMs: at(1), p99ChunkMs: at(0.99), medianChunkMs: at(0.5),
        // The synchronous step before the first chunk (clearing the ledger, registering buyers, marking lines).
        prepareMs: Math.round(firstChunkAt - r0),
      },
      baseline: { what: 'select sum(price_fen) from order_lines', ms: +baselineMs.toFixed(1) },
      reports, slowestMs: slowest, goalMs: GOAL_MS,
      pass: !missing && slowest !== null && slowest <= GOAL_MS,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
