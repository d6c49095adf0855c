// `keydesk report <name>`: the reports of the 报表 screen for scripts and terminals. Every report goes
// through the same contract method as the window (same zod schema, same numbers); --out writes the same
// .xlsx as the screen's 导出 (and is audited the same way).
import type { z } from 'zod';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, extname, resolve } from 'node:path';
import {
  KeyDeskError, PLATFORM_TITLES, methods, platform as platformSchema, reportName,
  type MethodName, type PlatformName, type ReportName,
} from '../../../../src-shared/contract/index.js';
import { addDays, dayOf } from '../../../../src-shared/reports/days.js';
import { REPORT_TITLES, reportTables, type ReportOutputs } from '../../../../src-shared/reports/report-tables.js';
import { tableText } from '../../../../src-shared/reports/table-text.js';
import { describeIssues } from '../../../core/api/call.js';
import type { Core } from '../../../core/index.js';
import { statementLines } from '../../../core/reports/statement.js';
import type { Command, CommandContext } from '../command.js';
import { printResult, UsageError } from '../output.js';
import { withCore } from '../open-core.js';

/** Through the contract, so the CLI gets the same validation and numbers as the window. */
async function call<T>(core: Core, method: MethodName, input: unknown): Promise<T> {
  const envelope = await core.call(method, input);
  if (!envelope.ok) throw new KeyDeskError(envelope.error.code, envelope.error.details, envelope.error.message);
  return envelope.data as T;
}

/** The days shown when no range is given: the last 30 Beijing days, today included. */
export const DEFAULT_DAYS = 30;

const OPTION_OF: Record<string, string> = { from: '--from', to: '--to', shopIds: '--shop', platforms: '--platform', productIds: '--product', groupBy: '--group-by' };
const GROUPS = { day: 'day', product: 'product', shop: 'shop', 天: 'day', 日: 'day', 商品: 'product', 店铺: 'shop' } as const;

interface ReportRequest {
  name: ReportName;
  /** The contract input (filter, and groupBy for 利润分析), checked by the method's own schema. */
  input: { from: string; to: string; platforms?: PlatformName[]; shopIds?: number[]; productIds?: number[]; groupBy?: 'day' | 'product' | 'shop' };
  /** Products given by code (`--product IQIYI-M`), looked up once the data is open. */
  productCodes: string[];
  out?: string;
}

const list = (v: CommandContext['values'][string]): string[] =>
  (Array.isArray(v) ? v.map(String) : v === undefined || typeof v === 'boolean' ? [] : [v]).flatMap((s) => s.split(/[,，]/)).map((s) => s.trim()).filter(Boolean);

const isDay = (t: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(t) && Number.isFinite(Date.parse(t));

function platformOf(typed: string): PlatformName {
  const machine = platformSchema.safeParse(typed);
  if (machine.success) return machine.data;
  const found = Object.entries(PLATFORM_TITLES).find(([, title]) => title === typed || title.split('/').includes(typed));
  if (found) return found[0] as PlatformName;
  throw new UsageError(`--platform 不认识“${typed}”，应为 ${platformSchema.options.join('、')} 之一（也可写 ${Object.values(PLATFORM_TITLES).join('、')}）`);
}

function shopIdOf(typed: string): number {
  const n = Number(typed);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--shop 应为店铺编号（正整数，见 keydesk shops list）：“${typed}”`);
  return n;
}

/** The method whose schema checks the options (and whose output is printed). */
function methodFor(req: Pick<ReportRequest, 'name' | 'out'>): MethodName {
  return req.out !== undefined || req.name === 'statement' ? 'reports.export' : (`reports.${req.name}` as MethodName);
}

/** The command line → one contract input; every mistake is a usage error naming its option. */
export function parseReportRequest(positionals: string[], values: CommandContext['values'], now: number): ReportRequest {
  const typedName = positionals[0];
  if (typedName === undefined) throw new UsageError(`请给出报表名称：${reportName.options.join('、')}`);
  const name = reportName.options.find((n) => n === typedName || REPORT_TITLES[n] === typedName);
  if (!name) throw new UsageError(`没有这个报表：“${typedName}”，可选：${reportName.options.map((n) => `${n}（${REPORT_TITLES[n]}）`).join('、')}`);
  if (positionals.length > 1) throw new UsageError(`多余的参数：${positionals.slice(1).join(' ')}`);

  const single = (option: 'from' | 'to' | 'group-by' | 'out'): string | undefined => (typeof values[option] === 'string' ? (values[option] as string).trim() : undefined);
  const today = dayOf(now);
  const to = single('to') ?? today;
  const from = single('from') ?? (isDay(to) ? addDays(to, -(DEFAULT_DAYS - 1)) : addDays(today, -(DEFAULT_DAYS - 1)));

  const input: ReportRequest['input'] = { from, to };
  const platforms = list(values.platform).map(platformOf);
  if (platforms.length > 0) input.platforms = [...new Set(platforms)];
  const shopIds = list(values.shop).map(shopIdOf);
  if (shopIds.length > 0) input.shopIds = [...new Set(shopIds)];
  const products = list(values.product);
  const productIds = products.filter((p) => /^\d+$/.test(p)).map(Number);
  if (productIds.length > 0) input.productIds = [...new Set(productIds)];

  const groupBy = single('group-by');
  if (groupBy !== undefined) {
    if (name !== 'profit') throw new UsageError(`--group-by 只用于 profit（利润分析），${name} 报表没有分组`);
    const group = GROUPS[groupBy as keyof typeof GROUPS];
    if (!group) throw new UsageError(`--group-by 应为 day、product 或 shop（按天 / 商品 / 店铺）：“${groupBy}”`);
    input.groupBy = group;
  }

  const out = single('out');
  const json = values.json === true;
  if (out !== undefined) {
    if (extname(out).toLowerCase() !== '.xlsx') throw new UsageError(`--out 应以 .xlsx 结尾：“${out}”`);
    if (!existsSync(dirname(resolve(out)))) throw new UsageError(`--out 的文件夹不存在：${dirname(resolve(out))}`);
  } else if (name === 'statement' && !json) {
    throw new UsageError('对账单逐行列出每个订单行：请用 --out 文件.xlsx 导出，或加 --json 输出');
  }

  const req: ReportRequest = { name, input, productCodes: products.filter((p) => !/^\d+$/.test(p)), ...(out !== undefined && { out: resolve(out) }) };
  checkInput(req);
  return req;
}

/** The method's own schema, with its Chinese messages put on the option that caused them. */
function checkInput(req: ReportRequest): void {
  const method = methodFor(req);
  const parsed = (methods[method].input as z.ZodType).safeParse(method === 'reports.export' ? { ...req.input, name: req.name } : req.input);
  if (parsed.success) return;
  const typed: Record<string, string> = { from: req.input.from, to: req.input.to };
  throw new UsageError(describeIssues(parsed.error).map((i) => {
    const key = i.field.split('.')[0]!;
    const value = typed[key];
    const shown = value !== undefined && !i.message.includes(value) ? `（收到“${value}”）` : '';
    return `${OPTION_OF[key] ?? key}：${i.message}${shown}`;
  }).join('；'));
}

function rangeText(req: ReportRequest): string {
  return `${REPORT_TITLES[req.name]}：${req.input.from} 至 ${req.input.to}（北京时间）`;
}

/**
 * Prints a big array one element at a time, waiting when the terminal or pipe is full. A reader that
 * stops early (`| head`) closes the pipe: printing stops quietly instead of crashing on EPIPE.
 */
async function printJsonArray(items: AsyncIterable<unknown>): Promise<void> {
  const out = process.stdout;
  let closed: NodeJS.ErrnoException | undefined;
  // Stays attached: the error can arrive after the last write, as the process ends.
  out.on('error', (err: NodeJS.ErrnoException) => (closed = err));
  let first = true;
  out.write('[');
  for await (const item of items) {
    if (closed) break;
    if (!out.write((first ? '' : ',\n') + JSON.stringify(item))) await once(out, 'drain').catch(() => undefined);
    first = false;
  }
  if (!closed) out.write(']\n');
  if (closed && closed.code !== 'EPIPE') throw closed;
}

async function run(core: Core, req: ReportRequest, json: boolean): Promise<number> {
  for (const code of req.productCodes) req.input.productIds = [...new Set([...(req.input.productIds ?? []), core.services.products.byCode(code).id])];
  if (req.productCodes.length > 0) checkInput(req);
  if (req.out !== undefined) {
    const done = await call<{ downloadId: string; fileName: string; rows: number }>(core, 'reports.export', { ...req.input, name: req.name });
    const written = core.services.files.download(done.downloadId).path;
    copyFileSync(written, req.out);
    rmSync(written, { force: true });
    printResult(json, { file: req.out, rows: done.rows }, () => `已导出${REPORT_TITLES[req.name]}（${req.input.from} 至 ${req.input.to}，${done.rows} 行）到 ${req.out}`);
    return 0;
  }
  if (req.name === 'statement') {
    await core.services.reports.ledger.refresh();
    const { groupBy: _unused, ...filter } = req.input;
    await printJsonArray(statementLines(core.services.sqlite, filter));
    return 0;
  }
  const name = req.name;
  const output = await call<ReportOutputs[typeof name]>(core, methodFor(req), req.input);
  printResult(json, output, () => [rangeText(req), ...reportTables(name, output).map(tableText)].join('\n\n'));
  return 0;
}

export const report: Command = {
  path: ['report'],
  summary: '查看或导出报表：热销商品、利润分析、客户来源、库存周转、供应商质量、对账单（日期为北京时间，含首尾两天；默认最近 30 天）',
  usage:
    'keydesk report <hot|profit|customers|inventory|suppliers|statement> [--from 2026-11-01] [--to 2026-11-30] [--shop ID]… [--platform taobao]… ' +
    '[--product ID|编码]… [--group-by day|product|shop] [--out 文件.xlsx] [--json]',
  options: {
    from: { type: 'string' }, to: { type: 'string' }, shop: { type: 'string', multiple: true }, platform: { type: 'string', multiple: true },
    product: { type: 'string', multiple: true }, 'group-by': { type: 'string' }, out: { type: 'string' },
  },
  async run({ dataDir, json, values, positionals }) {
    const req = parseReportRequest(positionals, values, Date.now());
    return withCore(dataDir, (core) => run(core, req, json));
  },
};
