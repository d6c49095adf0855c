import { existsSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { auditFilter, type AuditFilter, type AuditVerifyResult } from '../../../../src-shared/contract/index.js';
import { formatTime } from '../../../../src-shared/format.js';
import { AUDIT_ACTION_TITLES, AUDIT_ACTOR_TITLES, AUDIT_OBJECT_TITLES } from '../../../../src-shared/audit/titles.js';
import { CHINESE_AUDIT_WORDS as W, auditObjectText, auditSummaryText } from '../../../../src-shared/audit/describe.js';
import { recordExport, writeAuditFile } from '../../../core/audit/audit-export.js';
import type { Command, CommandContext } from '../command.js';
import { printResult, UsageError } from '../output.js';
import { withCore } from '../open-core.js';

export const auditVerify: Command = {
  path: ['audit', 'verify'],
  summary: '校验审计链：任何被直接改动的记录都会被找出',
  usage: 'keydesk audit verify [--data-dir D] [--json]',
  async run({ dataDir, json }) {
    return withCore(dataDir, async (core) => {
      const result: AuditVerifyResult = core.services.audit.verify();
      printResult(json, result, () =>
        result.ok
          ? `审计链完好：共 ${result.entries} 条记录。`
          : `审计链已损坏：第 ${result.firstBroken!.seq} 条记录（${result.firstBroken!.at === null ? '时间未知' : formatTime(result.firstBroken!.at)}）${result.firstBroken!.reason}。之前的 ${result.entries} 条完好。`,
      );
      return result.ok ? 0 : 1;
    });
  },
};

const FILTER_OPTIONS = {
  actor: { type: 'string' },
  action: { type: 'string', multiple: true },
  'object-type': { type: 'string' },
  'object-id': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

const FILTER_USAGE = '[--actor 店主|owner] [--action 操作 …] [--object-type 订单行|order_line [--object-id ID]] [--from 时间] [--to 时间]';

/** A name as the owner may type it: the machine name, or its Chinese title (`店主`, `订单行`, `立即发货`). */
function machineName(table: Record<string, string>, typed: string): string {
  const text = typed.trim();
  return Object.entries(table).find(([, title]) => title === text)?.[0] ?? text;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * `2026-05-01`, `2026-05-01 13:45[:09]` (Beijing time) or epoch ms. A bare day means its start for
 * --from and its last millisecond for --to, so `--from D --to D` is that whole day.
 */
export function parseBeijingTime(text: string, option: 'from' | 'to'): number {
  const t = text.trim();
  if (/^\d{10,}$/.test(t)) return Number(t);
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (!m) throw new UsageError(`--${option} 的时间格式不对：“${text}”。请写成 2026-05-01 或 2026-05-01 13:45（北京时间）`);
  const [, y, mo, d, h, mi, s] = m.map((v) => (v === undefined ? undefined : Number(v)));
  const start = Date.UTC(y!, mo! - 1, d!, h ?? 0, mi ?? 0, s ?? 0) - BEIJING_OFFSET_MS;
  const check = new Date(start + BEIJING_OFFSET_MS);
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || (h ?? 0) > 23) throw new UsageError(`--${option} 不是有效的日期：“${text}”`);
  if (option === 'to' && h === undefined) return start + 86_400_000 - 1;
  if (option === 'to' && s === undefined) return start + 59_999;
  return start;
}

/** The command-line filter options → the same filter the audit screen sends, checked by the same schema. */
export function filterFromOptions(values: CommandContext['values']): AuditFilter {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const actions = ((values.action as string[] | undefined) ?? []).flatMap((a) => a.split(/[,，]/)).map((a) => a.trim()).filter(Boolean);
  const raw = {
    ...(str('actor') !== undefined && { actor: machineName(AUDIT_ACTOR_TITLES, str('actor')!) }),
    ...(actions.length > 0 && { action: actions.map((a) => machineName(AUDIT_ACTION_TITLES, a)) }),
    ...(str('object-type') !== undefined && { objectType: machineName(AUDIT_OBJECT_TITLES, str('object-type')!) }),
    ...(str('object-id') !== undefined && { objectId: str('object-id') }),
    ...(str('from') !== undefined && { from: parseBeijingTime(str('from')!, 'from') }),
    ...(str('to') !== undefined && { to: parseBeijingTime(str('to')!, 'to') }),
  };
  const parsed = auditFilter.safeParse(raw);
  if (!parsed.success) {
    const option: Record<string, string> = { objectType: 'object-type', objectId: 'object-id' };
    throw new UsageError(parsed.error.issues.map((i) => `--${option[String(i.path[0])] ?? String(i.path[0])}：${i.message}`).join('；'));
  }
  return parsed.data;
}

function positiveInt(value: unknown, option: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${option} 应为 1 到 ${max} 之间的整数`);
  return n;
}

export const auditList: Command = {
  path: ['audit', 'list'],
  summary: '列出审计记录（新的在前），可按操作人、操作、对象、时间（北京时间）筛选',
  usage: `keydesk audit list ${FILTER_USAGE} [--limit N] [--page N] [--json]`,
  options: { ...FILTER_OPTIONS, limit: { type: 'string' }, page: { type: 'string' } },
  async run({ dataDir, json, values }) {
    const filter = filterFromOptions(values);
    const limit = positiveInt(values.limit, 'limit', 50, 500);
    const page = positiveInt(values.page, 'page', 1, 1_000_000);
    return withCore(dataDir, async (core) => {
      const result = core.services.audit.page({ ...filter, limit, offset: (page - 1) * limit });
      printResult(json, result, () => {
        if (result.entries.length === 0) return result.total === 0 ? '没有符合条件的审计记录。' : `第 ${page} 页没有记录（共 ${result.total} 条）。`;
        const lines = result.entries.map((e) =>
          [`#${e.seq}`, formatTime(e.at), W.actor(e.actor), W.action(e.action), auditObjectText(W, e.objectType, e.objectId), auditSummaryText(W, e.summary) || '—'].join('\t'),
        );
        return [...lines, `第 ${page} 页，显示 ${result.entries.length} 条，共 ${result.total} 条（时间为北京时间）。`].join('\n');
      });
      return 0;
    });
  },
};

export const auditExport: Command = {
  path: ['audit', 'export'],
  summary: '按筛选把审计记录导出为 Excel（.xlsx）或 CSV（.csv）文件；导出本身记入审计',
  usage: `keydesk audit export <文件.xlsx|文件.csv> ${FILTER_USAGE} [--json]`,
  options: FILTER_OPTIONS,
  async run({ dataDir, json, values, positionals }) {
    const target = positionals[0];
    if (!target) throw new UsageError('请给出导出文件的路径，例如 keydesk audit export 审计.xlsx');
    const ext = extname(target).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv') throw new UsageError(`导出文件应以 .xlsx 或 .csv 结尾：“${target}”`);
    const format = ext === '.xlsx' ? 'xlsx' : 'csv';
    const filters = filterFromOptions(values);
    const file = resolve(target);
    if (!existsSync(dirname(file))) throw new UsageError(`文件夹不存在：${dirname(file)}`);
    return withCore(dataDir, async (core) => {
      const rows = await writeAuditFile(core.services.sqlite, filters, format, file);
      recordExport({ sqlite: core.services.sqlite, audit: core.services.appendAudit }, { filters, format }, rows);
      printResult(json, { file, rows, format }, () => `已导出 ${rows} 条审计记录到 ${file}`);
      return 0;
    });
  },
};
