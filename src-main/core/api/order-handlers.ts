import type { Handlers } from './handlers.js';
import type { CoreServices } from '../services.js';
import { PLATFORM_TITLES } from '../../../src-shared/contract/index.js';
import { PLATFORMS } from '../channels/types.js';

type OrderMethods =
  | 'shops.platforms' | 'shops.list' | 'shops.add' | 'shops.update' | 'shops.setPaused' | 'shops.test' | 'shops.syncNow'
  | 'orders.list' | 'orders.get' | 'orders.deliverNow' | 'orders.retry' | 'orders.cancel'
  | 'mappings.list' | 'mappings.set' | 'mappings.remove';

/** Shops, orders and SKU mappings: thin bindings onto the order desk. */
export function orderHandlers(s: CoreServices): Pick<Handlers, OrderMethods> {
  const desk = s.orders;
  return {
    'shops.platforms': () =>
      PLATFORMS.filter((p) => desk.adapters[p]).map((p) => {
        const adapter = desk.adapters[p]!;
        return {
          platform: p,
          title: PLATFORM_TITLES[p],
          fields: adapter.credentialFields.map((f) => ({ key: f.key, label: f.label, required: f.required, secret: f.secret, ...(f.help && { help: f.help }) })),
          push: Boolean(adapter.parsePush),
        };
      }),
    'shops.list': () => desk.shops.list(),
    'shops.add': (input) => {
      const shop = desk.shops.add(input);
      void desk.shops.wireSandboxPush(shop.id);
      return shop;
    },
    'shops.update': (input) => {
      const shop = desk.shops.update(input);
      if (input.credentials) desk.actions.resumeAfterReauth(shop.id);
      return shop;
    },
    'shops.setPaused': (input) => {
      const shop = desk.shops.setPaused(input.id, input.paused);
      if (!input.paused) desk.outbox.kick();
      return shop;
    },
    'shops.test': (input) => desk.shops.test(input.id),
    'shops.syncNow': async (input) => {
      const outcome = await desk.pollers.poll(input.id);
      return { orders: outcome.orders, lines: outcome.lines };
    },
    'orders.list': (input) => desk.queries.list(input),
    'orders.get': (input) => desk.queries.get(input.orderId),
    'orders.deliverNow': (input) => {
      desk.actions.deliverNow(input.lineId);
      return desk.queries.line(input.lineId);
    },
    'orders.retry': (input) => {
      desk.actions.retry(input.lineId);
      return desk.queries.line(input.lineId);
    },
    'orders.cancel': (input) => {
      desk.actions.cancel(input.lineId, input.reason);
      return desk.queries.line(input.lineId);
    },
    'mappings.list': (input) => desk.actions.listMappings(input.shopId),
    'mappings.set': (input) => desk.actions.setMapping(input),
    'mappings.remove': (input) => {
      desk.actions.removeMapping(input.id);
      return { ok: true };
    },
  };
}
