// Read side of 售后: the problem queue. Each kind is read through an index (order_lines_status or
// order_lines_issue) newest first, so the page costs the same with 100 or 100,000 lines; keys are masked.
import type Database from 'better-sqlite3';
import { PROBLEM_TITLES, type LineStatus, type PlatformName, type Problem, type ProblemKind } from '../../../src-shared/contract/index.js';
import { maskSecret } from '../../../src-shared/mask.js';
import { stmt } from '../db/statements.js';
import { keyAad } from '../inventory/stock.js';
import type { Vault } from '../vault/vault.js';
import { tiedKeys } from './line-record.js';
import { fixesFor, problemKindOf, type LineIssue } from './problem-kinds.js';

export interface QueueInput {
  kind?: ProblemKind | undefined;
  search?: string | undefined;
  limit: number;
}

interface QueueRow {
  id: number;
  order_id: number;
  shop_name: string;
  platform: PlatformName;
  platform_order_id: string;
  title: string;
  product_name: string | null;
  status: LineStatus;
  issue: LineIssue | null;
  issue_note: string | null;
  last_error: string | null;
  recharge_account_masked: string | null;
  quantity: number;
  price_fen: number;
  paid_at: number | null;
  updated_at: number;
  has_topup: number;
}

const HAS_TOPUP = 'exists (select 1 from topup_attempts a where a.line_id = l.id)';
/** Statuses that outrank an issue (problemKindOf): an issue on such a line is listed under the status. */
const NOT_BLOCKING = `l.status not in ('failed', 'topup_paused', 'ask_buyer', 'out_of_stock', 'unmapped', 'held')`;

/** Index-friendly selectors, each yielding exactly one kind (the same one problemKindOf gives). Exported for the query-plan test. */
export const QUEUE_SOURCES: readonly { kind: ProblemKind; where: string }[] = [
  { kind: 'topup_failed', where: `l.status = 'failed' and ${HAS_TOPUP}` },
  { kind: 'delivery_failed', where: `l.status = 'failed' and not ${HAS_TOPUP}` },
  ...(['topup_paused', 'ask_buyer', 'out_of_stock', 'unmapped', 'held'] as const).map((s) => ({ kind: s, where: `l.status = '${s}'` })),
  { kind: 'refund_after_delivery', where: `l.status = 'after_sales' and l.issue is null` },
  ...(['refund_after_delivery', 'invalid_reported', 'topup_disputed', 'unredeemed'] as const).map((i) => ({ kind: i, where: `l.issue = '${i}' and ${NOT_BLOCKING}` })),
];

export const QUEUE_SELECT = `select l.id, l.order_id, s.name as shop_name, s.platform, l.platform_order_id, l.title, p.name as product_name, l.status, l.issue, l.issue_note,
    l.last_error, l.recharge_account_masked, l.quantity, l.price_fen, l.paid_at, l.updated_at, ${HAS_TOPUP} as has_topup
  from order_lines l join shops s on s.id = l.shop_id left join products p on p.id = l.product_id`;

const KEY_GONE = new Set(['available', 'expired']);

export class ProblemQueue {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly vault: Vault,
    /** Whether a product's keys can be checked for redemption (the Redemption service knows its routes). */
    private readonly checkable: (productId: number) => boolean,
  ) {}

  queue(input: QueueInput): { problems: Problem[]; counts: Record<string, number> } {
    const search = input.search?.trim() ? `%${input.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const filter = search === null ? '' : ` and (l.platform_order_id like ? escape '\\' or l.title like ? escape '\\' or p.name like ? escape '\\')`;
    const params = search === null ? [] : [search, search, search];
    const rows: QueueRow[] = [];
    const counts: Record<string, number> = {};
    for (const source of QUEUE_SOURCES) {
      const { n } = stmt(this.sqlite, `select count(*) as n from order_lines l left join products p on p.id = l.product_id where ${source.where}${filter}`).get(...params) as { n: number };
      counts[source.kind] = (counts[source.kind] ?? 0) + n;
      if (n === 0 || (input.kind !== undefined && input.kind !== source.kind)) continue;
      rows.push(...(stmt(this.sqlite, `${QUEUE_SELECT} where ${source.where}${filter} order by l.paid_at desc, l.id desc limit ?`).all(...params, input.limit) as QueueRow[]));
    }
    rows.sort((a, b) => (b.paid_at ?? 0) - (a.paid_at ?? 0) || b.id - a.id);
    const problems: Problem[] = [];
    for (const row of rows.slice(0, input.limit)) {
      const kind = problemKindOf({ status: row.status, issue: row.issue, hasTopup: row.has_topup === 1 });
      if (kind !== null) problems.push(this.problem(row, kind));
    }
    return { problems, counts };
  }

  private problem(row: QueueRow, kind: ProblemKind): Problem {
    const keys = tiedKeys(this.sqlite, row.id).filter((k) => !KEY_GONE.has(k.status));
    const live = keys.filter((k) => k.status !== 'void');
    const fromIssue = row.issue !== null && kind === row.issue;
    return {
      lineId: row.id,
      orderId: row.order_id,
      shopName: row.shop_name,
      platform: row.platform,
      platformOrderId: row.platform_order_id,
      title: row.title,
      productName: row.product_name,
      kind,
      status: row.status,
      message: (fromIssue ? row.issue_note ?? row.last_error : row.last_error ?? row.issue_note) ?? PROBLEM_TITLES[kind],
      accountMasked: row.recharge_account_masked,
      keys: keys.map((k) => ({
        keyId: k.id,
        cardNo: k.card_no,
        secretMasked: maskSecret(this.vault.decrypt(k.secret_sealed, keyAad(k.secret_index))),
        status: k.status,
        batchId: k.batch_id,
      })),
      amountFen: row.price_fen * row.quantity,
      paidAt: row.paid_at,
      since: row.updated_at,
      actions: fixesFor(kind, { hasKeys: live.length > 0, checkable: live.some((k) => this.checkable(k.product_id)) }),
    };
  }
}
