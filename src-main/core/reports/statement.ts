// 对账单: every paid line of the range (the money reports' filters), oldest payment first, read from the
// ledger in keyset pages so a year of orders never sits in memory and the connection is free between
// pages. What went to the buyer is shown masked from what is stored in clear (card number, key number,
// masked recharge account): no secret is decrypted for it.
import type Database from 'better-sqlite3';
import type { ReportFilter } from '../../../src-shared/contract/index.js';
import { maskSecret } from '../../../src-shared/mask.js';
import { addDays, dayStart } from '../../../src-shared/reports/days.js';
import type { LineOutcome, StatementLine } from '../../../src-shared/reports/statement-table.js';
import type { PlatformName } from '../../../src-shared/contract/index.js';
import { ledgerFilter, UNLINKED_PRODUCT } from './money-filter.js';

export const STATEMENT_PAGE = 2_000;
/** A line of many keys lists this many, then says how many more. */
const KEYS_LISTED = 20;

interface PageRow {
  lineId: number; paidAt: number; shopId: number; shopName: string; platform: PlatformName; platformOrderId: string;
  productId: number; productName: string | null; units: number; revenueFen: number; costFen: number; feeFen: number; refundFen: number;
  outcome: LineOutcome; deliveredAt: number | null; account: string | null;
}

interface KeyRow { lineId: number; id: number; cardNo: string | null; status: string }

/** A key as the statement shows it: its card number masked, else its number in 库存. */
function keyLabel(k: KeyRow): string {
  const label = k.cardNo ? maskSecret(k.cardNo) : `#${k.id}`;
  return k.status === 'void' ? `${label}（已作废）` : label;
}

/** `pageSize`: lines per read (tests make pages small to cross many page edges). */
export async function* statementLines(sqlite: Database.Database, filter: ReportFilter, pageSize = STATEMENT_PAGE): AsyncGenerator<StatementLine> {
  const f = ledgerFilter(filter, 'sl');
  const from = dayStart(filter.from);
  const to = dayStart(addDays(filter.to, 1));
  // The payment-time index gives the keyset order without sorting the range on every page.
  const page = sqlite.prepare(`SELECT sl.line_id AS lineId, sl.paid_at AS paidAt, sl.shop_id AS shopId, s.name AS shopName, s.platform,
      l.platform_order_id AS platformOrderId, sl.product_id AS productId, p.name AS productName, sl.units,
      sl.revenue_fen AS revenueFen, sl.cost_fen AS costFen, sl.fee_fen AS feeFen, sl.refund_fen AS refundFen, sl.outcome,
      sl.delivered_at AS deliveredAt, l.recharge_account_masked AS account
    FROM sales_lines sl INDEXED BY sales_lines_paid
    JOIN order_lines l ON l.id = sl.line_id JOIN shops s ON s.id = sl.shop_id LEFT JOIN products p ON p.id = sl.product_id
    WHERE ${f.sql} AND sl.paid_at >= ? AND sl.paid_at < ? AND (sl.paid_at > ? OR sl.line_id > ?)
    ORDER BY sl.paid_at, sl.line_id LIMIT ?`);
  const keysOf = sqlite.prepare(`SELECT lk.line_id AS lineId, k.id, k.card_no AS cardNo, k.status FROM line_keys lk JOIN keys k ON k.id = lk.key_id
    WHERE lk.line_id IN (SELECT value FROM json_each(?)) ORDER BY lk.line_id, k.id`);
  let after = { paidAt: from, lineId: 0 };
  for (;;) {
    const rows = page.all(...f.params, after.paidAt, to, after.paidAt, after.lineId, pageSize) as PageRow[];
    if (rows.length === 0) return;
    const keys = new Map<number, KeyRow[]>();
    for (const k of keysOf.all(JSON.stringify(rows.map((r) => r.lineId))) as KeyRow[]) keys.set(k.lineId, [...(keys.get(k.lineId) ?? []), k]);
    for (const r of rows) yield toLine(r, keys.get(r.lineId) ?? []);
    const last = rows.at(-1)!;
    after = { paidAt: last.paidAt, lineId: last.lineId };
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function toLine(r: PageRow, keys: KeyRow[]): StatementLine {
  const sent = keys.slice(0, KEYS_LISTED).map(keyLabel);
  if (keys.length > KEYS_LISTED) sent.push(`等共 ${keys.length} 张`);
  if (r.account) sent.push(`充值账号 ${r.account}`);
  return {
    lineId: r.lineId, paidAt: r.paidAt, shopId: r.shopId, shopName: r.shopName, platform: r.platform, platformOrderId: r.platformOrderId,
    productId: r.productId, productName: r.productName ?? UNLINKED_PRODUCT, units: r.units,
    revenueFen: r.revenueFen, costFen: r.costFen, feeFen: r.feeFen, refundFen: r.refundFen,
    profitFen: r.revenueFen - r.refundFen - r.costFen - r.feeFen,
    outcome: r.outcome, deliveredAt: r.deliveredAt, sent,
  };
}
