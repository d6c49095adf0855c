// 客户来源: orders and revenue per platform, shop and day from the roll-up; distinct buyers (cross-shop
// identity) counted over the ledger lines off covering indexes; regions where the channel gives one.
import type Database from 'better-sqlite3';
import { PLATFORM_TITLES, type MethodOutput, type ParsedInput, type PlatformName, type SourceRow } from '../../../src-shared/contract/index.js';
import { dayText, eachDay } from '../../../src-shared/reports/days.js';
import { stmt } from '../db/statements.js';
import { ledgerFilter } from './money-filter.js';

type CustomerOutput = MethodOutput<'reports.customers'>;
type Filter = ParsedInput<'reports.customers'>;

interface ShopSums {
  shopId: number;
  name: string;
  platform: PlatformName;
  lines: number;
  orders: number;
  revenueFen: number;
  newRevenueFen: number;
  returningRevenueFen: number;
}

interface Buyers {
  buyers: number;
  newBuyers: number;
}

/**
 * Reading a range's lines by day and sorting them by buyer costs about four times as much per line as
 * reading every line in buyer order off a covering index; the cheaper way is taken.
 */
const SORT_COST = 4;

/**
 * Distinct buyers with a line in the filter, and those among them whose first order anywhere is in it,
 * in total, per platform and per shop. Each count is one `count(DISTINCT buyer_id)` that SQLite answers
 * in buyer order off a covering index without a sort (several plain counts beat one query with a column
 * per shop). A buyer's first order is in one shop, so new buyers add up across shops.
 */
function distinctBuyers(sqlite: Database.Database, input: Filter, shops: ShopSums[]): { total: Buyers; platform: Map<PlatformName, Buyers>; shop: Map<number, Buyers> } {
  const f = ledgerFilter(input, 'l');
  const inRange = shops.reduce((n, s) => n + s.lines, 0);
  const byDay = inRange * SORT_COST < (stmt(sqlite, 'SELECT count(*) FROM sales_lines').pluck().get() as number);
  const from = (index: string) => `FROM sales_lines l INDEXED BY ${byDay ? 'sales_lines_day' : index} WHERE l.buyer_id IS NOT NULL AND ${f.sql}`;
  const perShop = (extra: string) => new Map((stmt(sqlite, `SELECT l.shop_id, count(DISTINCT l.buyer_id) ${from('sales_lines_shop_buyer')}${extra} GROUP BY l.shop_id`)
    .raw().all(...f.params) as [number, number][]));
  const buyersIn = (shopIds: number[] | undefined): number => (shopIds
    ? stmt(sqlite, `SELECT count(DISTINCT l.buyer_id) ${from('sales_lines_buyer_day')} AND l.shop_id IN (SELECT value FROM json_each(?))`).pluck().get(...f.params, JSON.stringify(shopIds))
    : stmt(sqlite, `SELECT count(DISTINCT l.buyer_id) ${from('sales_lines_buyer_day')}`).pluck().get(...f.params)) as number;

  const buyers = perShop('');
  const fresh = perShop(' AND l.first_order = 1');
  const shop = new Map(shops.map((s) => [s.shopId, { buyers: buyers.get(s.shopId) ?? 0, newBuyers: fresh.get(s.shopId) ?? 0 }]));
  const platform = new Map<PlatformName, Buyers>();
  for (const p of new Set(shops.map((s) => s.platform))) {
    const ids = shops.filter((s) => s.platform === p).map((s) => s.shopId);
    const newBuyers = ids.reduce((n, id) => n + shop.get(id)!.newBuyers, 0);
    platform.set(p, { buyers: ids.length === 1 ? shop.get(ids[0]!)!.buyers : buyersIn(ids), newBuyers });
  }
  const total = { buyers: shops.length === 0 ? 0 : buyersIn(undefined), newBuyers: [...shop.values()].reduce((n, b) => n + b.newBuyers, 0) };
  return { total, platform, shop };
}

function sourceRow(key: string, label: string, platform: PlatformName, sums: Omit<ShopSums, 'shopId' | 'name' | 'platform' | 'lines'>, buyers: Buyers | undefined): SourceRow {
  const b = buyers ?? { buyers: 0, newBuyers: 0 };
  return {
    key, label, platform, orders: sums.orders, buyers: b.buyers, newBuyers: b.newBuyers, returningBuyers: b.buyers - b.newBuyers,
    revenueFen: sums.revenueFen, newRevenueFen: sums.newRevenueFen, returningRevenueFen: sums.returningRevenueFen,
  };
}

const addSums = <T extends Omit<ShopSums, 'shopId' | 'name' | 'platform' | 'lines'>>(a: T, b: T): T => ({
  ...a, orders: a.orders + b.orders, revenueFen: a.revenueFen + b.revenueFen, newRevenueFen: a.newRevenueFen + b.newRevenueFen, returningRevenueFen: a.returningRevenueFen + b.returningRevenueFen,
});

/** Most revenue first; ties by key, so the order never depends on how SQLite happened to group. */
const byRevenue = (a: SourceRow, b: SourceRow): number => b.revenueFen - a.revenueFen || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * 客户来源. A buyer is new in the range when their first order anywhere (cross-shop identity) is in it,
 * returning otherwise; orders without any buyer identity count as orders but not as buyers. Regions only
 * where the channel gives one (独立站); `withoutRegion` counts the rest so the screen can say so.
 */
export function customerReport(sqlite: Database.Database, input: Filter): CustomerOutput {
  const f = ledgerFilter(input, 'd');
  const shops = stmt(sqlite, `SELECT d.shop_id AS shopId, s.name, s.platform, sum(d.lines) AS lines, sum(d.orders) AS orders, sum(d.revenue_fen) AS revenueFen,
      sum(d.new_revenue_fen) AS newRevenueFen, sum(d.returning_revenue_fen) AS returningRevenueFen
    FROM sales_daily d JOIN shops s ON s.id = d.shop_id WHERE ${f.sql} GROUP BY d.shop_id`).all(...f.params) as ShopSums[];
  const buyers = distinctBuyers(sqlite, input, shops);

  const byShop = shops.map((s) => sourceRow(String(s.shopId), s.name, s.platform, s, buyers.shop.get(s.shopId))).sort(byRevenue);
  const platformSums = new Map<PlatformName, ShopSums>();
  for (const s of shops) platformSums.set(s.platform, platformSums.has(s.platform) ? addSums(platformSums.get(s.platform)!, s) : s);
  const byPlatform = [...platformSums].map(([p, s]) => sourceRow(p, PLATFORM_TITLES[p], p, s, buyers.platform.get(p))).sort(byRevenue);
  const sums = shops.reduce(addSums, { orders: 0, revenueFen: 0, newRevenueFen: 0, returningRevenueFen: 0 });
  const totals = {
    orders: sums.orders, buyers: buyers.total.buyers, newBuyers: buyers.total.newBuyers, returningBuyers: buyers.total.buyers - buyers.total.newBuyers,
    revenueFen: sums.revenueFen, newRevenueFen: sums.newRevenueFen, returningRevenueFen: sums.returningRevenueFen,
  };

  const days = new Map((stmt(sqlite, `SELECT d.day, sum(d.new_buyers) AS newBuyers, sum(d.returning_orders) AS returningOrders, sum(d.orders) AS orders
    FROM sales_daily d WHERE ${f.sql} GROUP BY d.day`).all(...f.params) as { day: number; newBuyers: number; returningOrders: number; orders: number }[]).map((d) => [dayText(d.day), d]));
  const byDay = eachDay(input.from, input.to).map((day) => {
    const d = days.get(day);
    return { day, newBuyers: d?.newBuyers ?? 0, returningOrders: d?.returningOrders ?? 0, orders: d?.orders ?? 0 };
  });

  const l = ledgerFilter(input, 'l');
  const byRegion = (stmt(sqlite, `SELECT l.region, sum(l.order_head) AS orders, sum(l.revenue_fen) AS revenueFen
    FROM sales_lines l WHERE l.region IS NOT NULL AND ${l.sql} GROUP BY l.region`).all(...l.params) as { region: string; orders: number; revenueFen: number }[])
    .sort((a, b) => b.orders - a.orders || b.revenueFen - a.revenueFen || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0));
  const withoutRegion = totals.orders - byRegion.reduce((n, r) => n + r.orders, 0);
  return { totals, byPlatform, byShop, byDay, byRegion, withoutRegion };
}
