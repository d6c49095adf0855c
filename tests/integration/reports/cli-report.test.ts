// `keydesk report`: the real binary prints what `core.call` returns for the same filter, and a bad option
// is a Chinese usage error (exit 2) naming it. The option parsing itself is checked without spawning.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseReportRequest } from '../../../src-main/hosts/cli/commands/report.js';
import { UsageError } from '../../../src-main/hosts/cli/output.js';
import { PASSPHRASE, expectOk } from '../../helpers/core.js';
import { keydesk } from '../../helpers/cli.js';
import { NOW, seedStock } from './stock-seed.js';

// Each case spawns the CLI (tsx compiles the sources per process): slow on a loaded 2-core box.
vi.setConfig({ testTimeout: 180_000 });

const dir = mkdtempSync(join(tmpdir(), 'keydesk-report-cli-'));
const env = { KEYDESK_PASSPHRASE: PASSPHRASE };
let profit: unknown;
let shopId: number;

beforeAll(async () => {
  const seed = await seedStock(dir);
  shopId = seed.shops.pdd;
  profit = expectOk(await seed.core.call('reports.profit', { from: '2026-11-01', to: '2026-11-20', groupBy: 'shop', platforms: ['taobao', 'pdd'], shopIds: [shopId] }));
  seed.core.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keydesk report', () => {
  it('--json prints exactly what core.call returns for the same filter', () => {
    const r = keydesk(['report', 'profit', '--data-dir', dir, '--json', '--from', '2026-11-01', '--to', '2026-11-20', '--group-by', '店铺', '--platform', '淘宝', '--platform', 'pdd', '--shop', String(shopId)], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(profit);
  });

  it('a day that does not exist is a Chinese usage error naming --from, exit 2', () => {
    const r = keydesk(['report', 'hot', '--data-dir', dir, '--from', '2026-02-30'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('用法错误：--from：开始日期「2026-02-30」不存在');
    expect(r.stdout).toBe('');
  });
});

describe('keydesk report options', () => {
  const parse = (args: string[], values: Record<string, string | string[] | boolean> = {}) => parseReportRequest(args, values, NOW);
  const refused = (args: string[], values: Record<string, string | string[] | boolean>) => {
    try {
      parse(args, values);
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      return (err as Error).message;
    }
    throw new Error('expected a usage error');
  };

  it('defaults to the last 30 Beijing days and reads names, platforms and groups as a merchant types them', () => {
    expect(parse(['inventory']).input).toEqual({ from: '2026-10-22', to: '2026-11-20' });
    expect(parse(['利润分析'], { to: '2026-11-10', 'group-by': 'product', shop: ['3,4', '4'], platform: ['拼多多'], product: ['12'] })).toEqual({
      name: 'profit', productCodes: [], input: { from: '2026-10-12', to: '2026-11-10', groupBy: 'product', shopIds: [3, 4], platforms: ['pdd'], productIds: [12] },
    });
    expect(parse(['statement'], { json: true, product: ['IQIYI-M'] }).productCodes).toEqual(['IQIYI-M']);
  });

  it.each([
    [['sales'], {}, '没有这个报表：“sales”'],
    [[], {}, '请给出报表名称'],
    [['hot'], { from: '2026/11/01' }, '--from：日期格式应为 2026-05-01（收到“2026/11/01”）'],
    [['hot'], { from: '2026-11-20', to: '2026-11-01' }, '--to：结束日期不能早于开始日期'],
    [['hot'], { shop: ['abc'] }, '--shop 应为店铺编号'],
    [['hot'], { platform: ['amazon'] }, '--platform 不认识“amazon”'],
    [['hot'], { 'group-by': 'day' }, '--group-by 只用于 profit'],
    [['profit'], { 'group-by': 'week' }, '--group-by 应为 day、product 或 shop'],
    [['statement'], {}, '对账单逐行列出每个订单行：请用 --out 文件.xlsx 导出，或加 --json 输出'],
    [['hot'], { out: 'hot.csv' }, '--out 应以 .xlsx 结尾'],
  ] as [string[], Record<string, string | string[]>, string][])('%j %j is refused: %s', (args, values, message) => {
    expect(refused(args, values)).toContain(message);
  });
});
