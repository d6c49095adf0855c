// Wires 代充: suppliers, portal accounts, per-product supply settings, the top-up desk, auto-restock and the
// RPA engine (created on first use, so a PC without Edge/Chrome only loses the RPA route).
import { join } from 'node:path';
import type { CoreServices } from '../services.js';
import type { HttpClient } from '../channels/types.js';
import type { Imports } from '../inventory/import/import-service.js';
import type { OrderDesk } from '../orders/order-desk.js';
import { detectBrowser, RpaEngine } from '../rpa/index.js';
import { Suppliers } from './suppliers/suppliers.js';
import { defaultSupplierAdapters } from './suppliers/registry.js';
import type { SupplierAdapter, SupplierKind } from './suppliers/types.js';
import { PortalAccounts } from './portals.js';
import { ProductSupplies } from './supply.js';
import { TopupDesk } from './topup-desk.js';
import { Restock } from './restock.js';

type Deps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit' | 'dataDir'> & { imports: Imports; orders: OrderDesk };

export interface TopupOptions {
  http: HttpClient;
  sandboxUrl?: string | undefined;
  supplierAdapters?: Partial<Record<SupplierKind, SupplierAdapter>> | undefined;
  /** RPA: jobs at once, and a headed browser (false in tests and CI). */
  rpaConcurrency?: number | undefined;
  rpaHeadless?: boolean | undefined;
}

export interface TopupServices {
  suppliers: Suppliers;
  portals: PortalAccounts;
  supplies: ProductSupplies;
  desk: TopupDesk;
  restock: Restock;
  rpa(): RpaEngine | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createTopupServices(d: Deps, options: TopupOptions): TopupServices {
  const suppliers = new Suppliers(d, { ...defaultSupplierAdapters(), ...options.supplierAdapters }, options.http, options.sandboxUrl);
  const portals = new PortalAccounts(d);
  const supplies = new ProductSupplies(d);
  let engine: RpaEngine | undefined;
  const rpa = (): RpaEngine | undefined => {
    if (engine) return engine;
    const browser = detectBrowser();
    if (!browser) return undefined;
    engine = new RpaEngine({
      evidenceRoot: join(d.dataDir, 'evidence'),
      profilesRoot: join(d.dataDir, 'browser-profiles'),
      browser: { ...(browser.executablePath && { executablePath: browser.executablePath }), ...(browser.channel && { channel: browser.channel }) },
      concurrency: options.rpaConcurrency ?? 2,
      headless: options.rpaHeadless ?? true,
      clock: d.clock,
      log: d.log,
    });
    return engine;
  };
  const desk = new TopupDesk(d, d.orders.timeline, suppliers, portals, rpa, () => d.orders.outbox.kick(), (lineIds) => d.orders.feed.changed([], lineIds));
  d.orders.setTopupKick(() => desk.pump());
  const restock = new Restock({ ...d, imports: d.imports, suppliers });
  return {
    suppliers, portals, supplies, desk, restock, rpa,
    async start() {
      desk.start();
      await restock.start();
    },
    async stop() {
      desk.stop();
      restock.stop();
      await engine?.close();
    },
  };
}
