import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { keyField, type KeyField, type ImportPreview } from '../../../../src-shared/contract/index.js';
import type { Command } from '../command.js';
import { printResult, UsageError } from '../output.js';
import { withCore } from '../open-core.js';


/** `--map 激活码=secret`: a header text, a column letter (B) or a 1-based column number on the left. */
export function parseMapping(pairs: string[], columns: ImportPreview['columns']): Partial<Record<KeyField, number>> {
  const mapping: Partial<Record<KeyField, number>> = {};
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    const left = pair.slice(0, eq).trim();
    const field = pair.slice(eq + 1).trim();
    if (eq <= 0 || !keyField.safeParse(field).success) {
      throw new UsageError(`--map ${pair} 不正确：格式为 列名=字段，字段可选 ${keyField.options.join(' / ')}`);
    }
    let index = columns.find((c) => c.header === left)?.index;
    if (index === undefined && /^[A-Za-z]{1,2}$/.test(left)) index = [...left.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    if (index === undefined && /^\d+$/.test(left)) index = Number(left) - 1;
    if (index === undefined || index < 0) throw new UsageError(`--map：找不到列“${left}”（可用列名：${columns.map((c) => c.header).filter(Boolean).join('、') || '无标题行，请用列字母如 A、B'}）`);
    mapping[field as KeyField] = index;
  }
  return mapping;
}

export const importKeys: Command = {
  path: ['import'],
  summary: '从 Excel/CSV/TXT 导入卡密到商品（默认全部成功或全部不导入）',
  usage: 'keydesk import FILE --product CODE [--batch-cost 分] [--expiry YYYY-MM-DD] [--supplier 名称] [--sheet N] [--map 列名=字段 …] [--partial] [--json]',
  options: {
    product: { type: 'string' }, 'batch-cost': { type: 'string' }, expiry: { type: 'string' }, supplier: { type: 'string' },
    sheet: { type: 'string' }, map: { type: 'string', multiple: true }, partial: { type: 'boolean' },
  },
  async run({ dataDir, json, values, positionals }) {
    const file = positionals[0];
    if (!file || !values.product) throw new UsageError('需要文件路径和 --product 商品编码');
    const cost = values['batch-cost'] === undefined ? 0 : Number(values['batch-cost']);
    if (!Number.isInteger(cost) || cost < 0) throw new UsageError('--batch-cost 应为非负整数（单位：分）');
    const sheet = values.sheet === undefined ? 0 : Number(values.sheet) - 1;
    if (!Number.isInteger(sheet) || sheet < 0) throw new UsageError('--sheet 从 1 开始计数');
    return withCore(dataDir, async (core) => {
      const product = core.services.products.byCode(String(values.product));
      const source = { path: resolve(file) };
      const pairs = (values.map as string[] | undefined) ?? [];
      const mapping = pairs.length ? parseMapping(pairs, (await core.services.imports.preview(source, sheet)).columns) : undefined;
      const outcome = await core.services.imports.run(
        {
          jobId: randomUUID(), source, productId: product.id, sheet, mode: values.partial ? 'partial' : 'all',
          ...(mapping && { mapping }),
          batch: { supplier: String(values.supplier ?? ''), unitCostFen: cost, priority: 0, note: '', ...(values.expiry !== undefined && { expiryDay: String(values.expiry) }) },
        },
        'cli',
      );
      // The CLI promises every invalid row, not just the first thousand the UI shows inline.
      const invalid = outcome.importId === null ? outcome.invalid : core.services.imports.problemRows(outcome.importId, 'invalid');
      const result = { ...outcome, invalid };
      printResult(json, result, () =>
        [
          outcome.status === 'committed' ? `导入完成：新增 ${outcome.imported} 条卡密。` : `未导入：${outcome.rejectedBecause}`,
          `文件内重复 ${outcome.duplicatesInFile} 条，库存中已有 ${outcome.duplicatesInStock} 条，无效 ${outcome.invalidCount} 条。`,
          ...invalid.slice(0, 50).map((p) => `  第 ${p.row} 行：${p.reason}`),
          ...(invalid.length > 50 ? [`  …另有 ${invalid.length - 50} 行，使用 --json 查看全部`] : []),
          ...outcome.warnings.slice(0, 20).map((w) => `  提醒 第 ${w.row} 行：${w.reason}`),
        ].join('\n'),
      );
      return outcome.status === 'committed' ? 0 : 1;
    });
  },
};

