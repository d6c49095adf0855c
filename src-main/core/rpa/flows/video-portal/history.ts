// The 充值记录 page: the only proof of what the portal already did. Reading it before any submit (and
// after any unclear submit) is what makes a double top-up impossible, so a page the flow cannot read is a
// layout_changed failure, never "nothing found".
import { FlowFailure } from '../../types.js';
import { need, openLoggedIn, type PortalCtx } from './browser.js';
import { HISTORY, PATHS } from './selectors.js';

export interface HistoryRow {
  orderNo: string;
  account: string;
  packageId: string;
  /** Epoch ms from the row's <time datetime>. */
  at: number;
}

export interface RechargeQuery {
  account: string;
  packageId: string;
  /** Recharges before this are someone else's (an earlier order of the same buyer). */
  notBefore: number;
}

const sameAccount = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The recharge this job made, if the history shows one: the earliest match at or after notBefore. */
export function findRecharge(rows: readonly HistoryRow[], query: RechargeQuery): HistoryRow | null {
  const matches = rows.filter((r) => sameAccount(r.account, query.account) && r.packageId === query.packageId && r.at >= query.notBefore);
  return matches.reduce<HistoryRow | null>((best, r) => (best === null || r.at < best.at ? r : best), null);
}

interface RawRow {
  orderNo: string | null;
  account: string | null;
  packageId: string | null;
  datetime: string | null;
}

export async function readHistory(ctx: PortalCtx, account: string): Promise<HistoryRow[]> {
  await openLoggedIn(ctx, `${PATHS.history}?account=${encodeURIComponent(account)}`, '充值记录页');
  await need(ctx, HISTORY.table);
  const raw = await ctx.page.locator(HISTORY.rows).evaluateAll((trs): RawRow[] =>
    trs.map((tr) => ({
      orderNo: tr.getAttribute('data-order-no'),
      account: tr.getAttribute('data-account'),
      packageId: tr.getAttribute('data-package-id'),
      datetime: tr.querySelector('time')?.getAttribute('datetime') ?? null,
    })),
  );
  return raw.map((r) => {
    const at = r.datetime === null ? NaN : Date.parse(r.datetime);
    if (!r.orderNo || r.account === null || !r.packageId || Number.isNaN(at)) {
      throw new FlowFailure('layout_changed', '页面结构变了：充值记录里的订单号、账号、套餐或时间读不出来', false);
    }
    return { orderNo: r.orderNo, account: r.account, packageId: r.packageId, at };
  });
}

/** Order number of this job's recharge according to the portal's history, or null. */
export async function lookUpRecharge(ctx: PortalCtx, query: RechargeQuery): Promise<string | null> {
  const rows = await readHistory(ctx, query.account);
  const found = findRecharge(rows, query);
  ctx.note(found ? `充值记录里找到订单 ${found.orderNo}` : `充值记录里没有这笔充值（共 ${rows.length} 条记录）`);
  return found?.orderNo ?? null;
}
