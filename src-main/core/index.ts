import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Envelope, EventMessage } from '../../src-shared/contract/index.js';
import { openDatabase } from './db/open.js';
import { Vault, type OsKeychain } from './vault/vault.js';
import type { ScryptCost } from './vault/cipher.js';
import { AuditLog, type AuditInput } from './audit/audit-log.js';
import { Settings } from './settings.js';
import { Preferences } from './preferences.js';
import { EventBus } from './events.js';
import { createLogger } from './log/logger.js';
import { systemClock, type Clock } from './clock.js';
import { SandboxLink } from './sandbox-link/sandbox-link.js';
import { createHandlers } from './api/handlers.js';
import { FileStore } from './files/file-store.js';
import { Products } from './inventory/products.js';
import { Stock } from './inventory/stock.js';
import { KeyActions } from './inventory/key-actions.js';
import { Imports } from './inventory/import/import-service.js';
import { SheetSyncs } from './inventory/sheet-sync/sheet-sync.js';
import { callMethod } from './api/call.js';
import { OrderDesk } from './orders/order-desk.js';
import { createHttpClient } from './channels/http.js';
import { defaultAdapters } from './channels/registry.js';
import type { ChannelAdapter, HttpClient, Platform } from './channels/types.js';
import type { CoreServices, HostKind } from './services.js';
import { createTopupServices } from './topup/topup-services.js';
import { createAfterSales } from './aftersales/aftersales-services.js';
import type { SupplierAdapter, SupplierKind } from './topup/suppliers/types.js';
import { createRiskServices } from './risk/index.js';
import { createReports } from './reports/index.js';
import { createAlerts, type DesktopNotifier } from './notify/index.js';
import { createBackups, applyStagedRestore } from './backup/index.js';

export interface CoreOptions {
  dataDir: string;
  host: HostKind;
  version: string;
  /** The desktop host's OS keychain (Electron safeStorage). Absent in browser mode and the CLI. */
  keychain?: OsKeychain;
  clock?: Clock;
  /** Tests lower the scrypt cost; production keeps the default. */
  scrypt?: ScryptCost;
  /** Base URL of a running sandbox (simulated platforms), when the host started one. */
  sandboxUrl?: string;
  /** Tests swap platform adapters or the HTTP client; production uses the built-in ones. */
  adapters?: Partial<Record<Platform, ChannelAdapter>>;
  http?: HttpClient;
  supplierAdapters?: Partial<Record<SupplierKind, SupplierAdapter>>;
  /** false: do not poll or send in the background even in a window/server host (tests drive it). */
  background?: boolean;
  /** The desktop host's OS notifications; alerts also go to the window and to group-bot webhooks. */
  notifier?: DesktopNotifier;
}

export interface Core {
  readonly services: CoreServices;
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  close(): void;
}

export const DATABASE_FILE = 'keydesk.db';

/** Opens (creating or migrating) the data folder and wires every capability. Throws KeyDeskError on a bad database. */
export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true });
  const log = createLogger(options.dataDir);
  const clock = options.clock ?? systemClock;
  applyRestoreAtStart(join(options.dataDir, DATABASE_FILE), clock, log);
  let opened;
  try {
    opened = openDatabase(join(options.dataDir, DATABASE_FILE));
  } catch (err) {
    log.error({ err: (err as Error).message }, 'createCore: database refused');
    log.flush();
    throw err;
  }
  const { sqlite, db } = opened;
  const settings = new Settings(sqlite, clock);
  // The audit log and the vault need each other: entries are MACed with a vault key, and vault
  // changes are audited. The closure breaks the cycle.
  const audit: AuditLog = new AuditLog(sqlite, (): Buffer => vault.auditKey(), clock);
  const appendAudit = (entry: AuditInput): void => void audit.append(entry);
  const vault: Vault = new Vault(sqlite, { keychain: options.keychain, clock, scrypt: options.scrypt, settings, audit: appendAudit });
  const files = new FileStore(options.dataDir, clock);
  files.sweep();
  const events = new EventBus();
  const products = new Products(sqlite, clock, appendAudit);
  const stock = new Stock(sqlite, vault);
  const imports = new Imports({ sqlite, vault, clock, files, products, events, log, audit: appendAudit });
  const sheetSyncs = new SheetSyncs({ sqlite, vault, clock, files, imports, products, events, log, appendAudit });
  const http = options.http ?? createHttpClient();
  const orders = new OrderDesk({ sqlite, vault, clock, log, events, appendAudit }, { ...defaultAdapters, ...options.adapters }, http, options.sandboxUrl);
  const topup = createTopupServices({ sqlite, vault, clock, log, events, appendAudit, dataDir: options.dataDir, imports, orders },
    { http, sandboxUrl: options.sandboxUrl, supplierAdapters: options.supplierAdapters });
  const { afterSales, redemption } = createAfterSales({ sqlite, vault, clock, log, events, appendAudit, orders, topup });
  const alerts = createAlerts({ sqlite, vault, clock, log, events, appendAudit, settings, http, sandboxUrl: options.sandboxUrl, notifier: options.notifier });
  const risk = createRiskServices({ sqlite, vault, clock, log, events, appendAudit, settings, orders, files, http, sandboxUrl: options.sandboxUrl });
  orders.setRiskHook(risk.hook);
  const backups = createBackups({ sqlite, vault, clock, log, events, appendAudit, settings, audit, files, dataDir: options.dataDir, version: options.version });
  const reports = createReports({ sqlite, clock, log, events, appendAudit, files, afterSales, risk });
  const services: CoreServices = {
    version: options.version,
    host: options.host,
    dataDir: options.dataDir,
    sqlite,
    db,
    clock,
    log,
    events,
    settings,
    preferences: new Preferences(settings),
    vault,
    audit,
    appendAudit,
    sandbox: new SandboxLink(options.sandboxUrl, { sqlite, settings, clock, audit: appendAudit, products, imports, orders: () => orders }),
    files,
    products,
    stock,
    keyActions: new KeyActions(sqlite, stock, clock, appendAudit),
    imports,
    sheetSyncs,
    orders,
    topup,
    afterSales,
    redemption,
    risk,
    alerts,
    backups,
    reports,
  };
  // Background work belongs to the long-running hosts; a CLI command must not start syncing behind the owner's back.
  const background: NodeJS.Timeout[] = [];
  // Stock that arrives (import, sync, restore) releases orders waiting for it, in pay-time order.
  events.on((message) => {
    if (message.event === 'vault.changed' && !vault.unlocked) {
      orders.shops.forgetCredentials();
      topup.suppliers.forgetCredentials();
    }
    if (message.event === 'inventory.changed' && vault.unlocked) {
      orders.actions.stockArrived((message as EventMessage<'inventory.changed'>).payload.productIds);
      if (ordersStarted) void topup.restock.checkAll();
    }
  });
  let ordersStarted = false;
  const startOrders = (): void => {
    if (ordersStarted || !vault.unlocked) return;
    ordersStarted = true;
    void orders.start()
      .then(() => topup.start())
      .then(() => redemption.start())
      .catch((err: Error) => log.error({ err: err.message }, 'createCore: order desk failed to start'));
  };
  if (options.host !== 'cli' && options.background !== false) {
    // Delivery needs the vault open (keys are sealed): start once it is unlocked.
    startOrders();
    events.on((message) => {
      if (message.event === 'vault.changed' && vault.unlocked) startOrders();
    });
    services.sheetSyncs.start();
    alerts.start();
    risk.start();
    backups.start();
    reports.start();
    const expire = () => {
      const { productIds } = services.keyActions.expireDue();
      if (productIds.length) events.emit('inventory.changed', { productIds });
    };
    expire();
    const hourly = setInterval(expire, 3_600_000);
    hourly.unref();
    background.push(hourly);
  }
  const handlers = createHandlers(services);
  log.info({ host: options.host, version: options.version }, 'createCore: ready');

  return {
    services,
    call: (method, input) => callMethod(handlers, () => services.vault.lockedReason(), log, method, input),
    onEvent: (listener) => services.events.on(listener),
    close() {
      for (const timer of background) clearInterval(timer);
      orders.stop();
      void topup.stop();
      redemption.stop();
      risk.stop();
      backups.stop();
      reports.stop();
      alerts.stop();
      services.sheetSyncs.stop();
      services.vault.lock();
      sqlite.close();
      log.flush();
    },
  };
}

/** A restore verified and staged by the running app (备份与恢复) replaces the database before it is opened. */
function applyRestoreAtStart(dbFile: string, clock: Clock, log: ReturnType<typeof createLogger>): void {
  try {
    const outcome = applyStagedRestore(dbFile, clock.now());
    if (outcome.applied) log.info({ file: outcome.restore.fileName, movedTo: outcome.restore.movedTo }, 'createCore: staged restore applied');
    else if (outcome.reason === 'busy') log.warn({}, 'createCore: staged restore waits, the database is open in another process');
  } catch (err) {
    // Every move was undone: start on the current data and keep the restore staged for the next start.
    log.error({ err: (err as Error).message }, 'createCore: staged restore failed to apply');
  }
}

export type { OsKeychain } from './vault/vault.js';
export type { CoreServices, HostKind } from './services.js';
export { KeyDeskError } from '../../src-shared/contract/index.js';
export { defaultDataDir } from './paths.js';
