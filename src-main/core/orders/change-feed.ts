// orders.changed events, coalesced: at thousands of deliveries a second the window must not receive
// thousands of messages; one every 250 ms with the union of what changed is what a screen needs.
import type { EventBus } from '../events.js';

const COALESCE_MS = 250;
const MAX_IDS = 500;

export class ChangeFeed {
  private shops = new Set<number>();
  private lines = new Set<number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly events: EventBus) {}

  changed(shopIds: Iterable<number>, lineIds: Iterable<number>): void {
    for (const id of shopIds) this.shops.add(id);
    for (const id of lineIds) this.lines.add(id);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), COALESCE_MS);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.shops.size && !this.lines.size) return;
    // Past MAX_IDS a screen reloads anyway; an empty list means "reload everything".
    const lineIds = this.lines.size > MAX_IDS ? [] : [...this.lines];
    this.events.emit('orders.changed', { shopIds: [...this.shops], lineIds });
    this.shops.clear();
    this.lines.clear();
  }
}
