// Wires 售后 and 核销 onto the order desk and the top-up services: the outbox asks redemption before it
// sends a card product that wants a pre-delivery check, and fixes kick the outbox.
import type { CoreServices } from '../services.js';
import type { OrderDesk } from '../orders/order-desk.js';
import type { TopupServices } from '../topup/topup-services.js';
import { videoPortalCardStatus } from '../rpa/flows/index.js';
import type { RpaJob, RpaResult } from '../rpa/types.js';
import { AfterSales } from './after-sales.js';
import { Redemption } from '../redemption/redemption.js';

type Deps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit'> & { orders: OrderDesk; topup: TopupServices };

export function createAfterSales(d: Deps): { afterSales: AfterSales; redemption: Redemption } {
  const onChanged = (lineIds: number[]) => d.orders.feed.changed([], lineIds);
  const redemption = new Redemption({
    sqlite: d.sqlite, vault: d.vault, clock: d.clock, log: d.log, events: d.events, appendAudit: d.appendAudit, suppliers: d.topup.suppliers,
    runFlow: <I, S, O>(job: RpaJob<I, S, O>): Promise<RpaResult<O>> => {
      const engine = d.topup.rpa();
      if (!engine) throw new Error('没有可用的浏览器');
      return engine.run(job);
    },
    hasBrowser: () => d.topup.rpa() !== undefined,
    cardStatusFlow: videoPortalCardStatus,
    portalAccount: (id) => d.topup.portals.account(id),
    onChanged,
  });
  d.orders.outbox.setPreSend((lineId) => redemption.beforeSend(lineId));
  const afterSales = new AfterSales({
    sqlite: d.sqlite, vault: d.vault, clock: d.clock, appendAudit: d.appendAudit,
    kickOutbox: () => d.orders.outbox.kick(),
    checkable: (productId) => redemption.checkable(productId),
    onChanged,
  });
  return { afterSales, redemption };
}
