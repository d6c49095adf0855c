// 供应商质量: for the batches bought in the range, how many of the keys that reached buyers were claimed
// back from the supplier (dead keys) or replaced; per batch and summed per supplier, worst first. The
// counting is 售后's batch quality (aftersales/quality.ts), so both screens agree.
import type Database from 'better-sqlite3';
import type { MethodOutput, ParsedInput } from '../../../src-shared/contract/index.js';
import { addDays, dayStart } from '../../../src-shared/reports/days.js';
import { NO_SUPPLIER } from '../../../src-shared/reports/report-tables.js';
import { batchCounts, rate } from '../aftersales/quality.js';

type Output = MethodOutput<'reports.suppliers'>;

interface Quality { delivered: number; claims: number; replaced: number; claimRate: number; replaceRate: number }

/** Claims first, then replacements, then the most keys sent. */
const worstFirst = (a: Quality, b: Quality): number => b.claimRate - a.claimRate || b.replaceRate - a.replaceRate || b.delivered - a.delivered;

export function supplierReport(sqlite: Database.Database, input: ParsedInput<'reports.suppliers'>): Output {
  const counts = batchCounts(sqlite, {
    ...(input.productIds && { productIds: input.productIds }),
    purchasedFrom: dayStart(input.from),
    purchasedTo: dayStart(addDays(input.to, 1)),
  });
  const batches = counts
    .map((b) => ({
      batchId: b.batchId, productName: b.productName, supplier: b.supplier || NO_SUPPLIER, purchasedAt: b.purchasedAt,
      delivered: b.delivered, claims: b.claims, replaced: b.replaced, claimRate: rate(b.claims, b.delivered), replaceRate: rate(b.replaced, b.delivered),
    }))
    .sort((a, b) => worstFirst(a, b) || b.batchId - a.batchId);
  const bySupplier = new Map<string, { batches: number; delivered: number; claims: number; replaced: number }>();
  for (const b of batches) {
    const s = bySupplier.get(b.supplier) ?? { batches: 0, delivered: 0, claims: 0, replaced: 0 };
    s.batches += 1;
    s.delivered += b.delivered;
    s.claims += b.claims;
    s.replaced += b.replaced;
    bySupplier.set(b.supplier, s);
  }
  const suppliers = [...bySupplier]
    .map(([supplier, s]) => ({ supplier, ...s, claimRate: rate(s.claims, s.delivered), replaceRate: rate(s.replaced, s.delivered) }))
    .sort((a, b) => worstFirst(a, b) || a.supplier.localeCompare(b.supplier, 'zh-CN'));
  return { suppliers, batches };
}
