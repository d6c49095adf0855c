import { formatFen } from '../../../../src-shared/format.js';
import type { Command } from '../command.js';
import { printResult, UsageError } from '../output.js';
import { withCore } from '../open-core.js';

function fenOption(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} 应为非负整数（单位：分），例如 1990 表示 ¥19.90`);
  return n;
}

export const productsAdd: Command = {
  path: ['products', 'add'],
  summary: '新增商品（金额单位：分）',
  usage: 'keydesk products add --code CODE --name 名称 --price 分 [--type card|direct|combo] [--face 分] [--threshold N] [--reusable] [--json]',
  options: { code: { type: 'string' }, name: { type: 'string' }, price: { type: 'string' }, type: { type: 'string' }, face: { type: 'string' }, threshold: { type: 'string' }, reusable: { type: 'boolean' } },
  async run({ dataDir, json, values }) {
    if (!values.code || !values.name || values.price === undefined) throw new UsageError('需要 --code、--name 和 --price');
    return withCore(dataDir, async (core) => {
      const product = core.services.products.save({
        code: String(values.code),
        name: String(values.name),
        priceFen: fenOption(values.price, 'price')!,
        ...(values.type !== undefined && { type: values.type as 'card' }),
        ...(values.face !== undefined && { faceValueFen: fenOption(values.face, 'face')! }),
        ...(values.threshold !== undefined && { lowStockThreshold: Number(values.threshold) }),
        reusable: values.reusable === true,
    });
    printResult(json, product, () => `已新增商品 ${product.code}「${product.name}」，售价 ${formatFen(product.priceFen)}。`);
    return 0;
    });
  },
};

export const productsList: Command = {
  path: ['products', 'list'],
  summary: '列出商品及库存',
  usage: 'keydesk products list [--json]',
  async run({ dataDir, json }) {
    return withCore(dataDir, async (core) => {
      const list = core.services.products.list();
      printResult(json, list, () =>
        list.length === 0 ? '还没有商品。用 keydesk products add 新增。' : list.map((p) => `${p.code}\t${p.name}\t${formatFen(p.priceFen)}\t可用 ${p.stock.available}${p.lowStock ? '（库存不足）' : ''}`).join('\n'),
      );
      return 0;
    });
  },
};

export const stock: Command = {
  path: ['stock'],
  summary: '查看库存（按商品和状态）',
  usage: 'keydesk stock [--product CODE] [--json]',
  options: { product: { type: 'string' } },
  async run({ dataDir, json, values }) {
    return withCore(dataDir, async (core) => {
      const code = values.product as string | undefined;
      if (code) core.services.products.byCode(code);
      const rows = core.services.products.list({ ...(code && { productCode: code }) }).map((p) => ({
        code: p.code, name: p.name, ...p.stock, expiringSoon: p.expiringSoon, lowStock: p.lowStock,
      }));
      printResult(json, rows, () =>
        rows.map((r) => `${r.code}\t${r.name}\t可用 ${r.available}\t预留 ${r.reserved}\t已发 ${r.delivered}\t作废 ${r.void}\t7天内到期 ${r.expiringSoon}${r.lowStock ? '\t库存不足' : ''}`).join('\n') || '没有商品。',
      );
      return 0;
    });
  },
};
