// 库存不足: raises a `low_stock` notice when a card product's available keys fall under its warning line
// (products.low_stock_threshold, the same line the home screen's 库存提醒 uses). Only the crossing is
// announced; the state is kept in settings so a restart does not announce it again. A product seen for
// the first time is only recorded: a new, not yet stocked product is not news.
import type { CoreServices } from '../services.js';

const KEY = 'alerts.lowStock';
/** Stock moves in bursts (an import, a wave of orders): look once things have settled a little. */
const SETTLE_MS = 2_000;

type Deps = Pick<CoreServices, 'sqlite' | 'settings' | 'events' | 'log'>;

interface ProductLevel {
  id: number;
  name: string;
  threshold: number;
  available: number;
}

export class LowStockWatch {
  #timer: NodeJS.Timeout | undefined;
  #off: (() => void) | undefined;

  constructor(private readonly d: Deps) {}

  start(): void {
    this.#off ??= this.d.events.on((message) => {
      if (message.event === 'inventory.changed' || message.event === 'orders.changed') this.#soon();
    });
    this.check();
  }

  stop(): void {
    this.#off?.();
    this.#off = undefined;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Compares every card product with its line; emits one notice per product that just went under it. */
  check(): void {
    try {
      const before = (this.d.settings.get(KEY) as Record<string, boolean> | undefined) ?? {};
      const now: Record<string, boolean> = {};
      const crossed: ProductLevel[] = [];
      for (const p of this.#levels()) {
        const low = p.available < p.threshold;
        now[p.id] = low;
        if (low && before[p.id] === false) crossed.push(p);
      }
      if (JSON.stringify(now) !== JSON.stringify(before)) this.d.settings.set(KEY, now);
      for (const p of crossed) {
        this.d.events.emit('app.notice', { level: 'warning', kind: 'low_stock', message: `「${p.name}」库存不足：只剩 ${p.available} 张（预警线 ${p.threshold} 张），请及时补货` });
      }
    } catch (err) {
      this.d.log.error({ err: (err as Error).message }, 'LowStockWatch.check: failed');
    }
  }

  #soon(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.check();
    }, SETTLE_MS);
    this.#timer.unref();
  }

  #levels(): ProductLevel[] {
    return this.d.sqlite
      .prepare(`select p.id, p.name, p.low_stock_threshold as threshold,
          coalesce((select sum(n) from stock_counts s where s.product_id = p.id and s.status = 'available'), 0) as available
        from products p where p.archived_at is null and p.type = 'card' and p.reusable = 0 and p.low_stock_threshold > 0`)
      .all() as ProductLevel[];
  }
}
