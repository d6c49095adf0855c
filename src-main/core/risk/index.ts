// 风控: signals, rules, lists, holds and second verification. createCore plugs `hook` into dispatch and
// calls start / stop; the handlers use the rest.
import type { CoreServices } from '../services.js';
import type { HttpClient } from '../channels/types.js';
import type { OrderDesk } from '../orders/order-desk.js';
import type { FileStore } from '../files/file-store.js';
import type { RiskHook } from '../dispatch/risk-hook.js';
import { Dispatcher } from '../dispatch/reserve.js';
import type { BacktestResult, MethodOutput, RiskRuleDraft } from '../../../src-shared/contract/index.js';
import { SignalStore } from './signals.js';
import { ListStore } from './lists.js';
import { FactSource } from './facts.js';
import { RuleStore } from './rules.js';
import { RiskSettingsStore } from './settings.js';
import { RiskScreen } from './hook.js';
import { HoldViews } from './hold-view.js';
import { HoldDesk } from './holds.js';
import { AutoBlacklist } from './auto-blacklist.js';
import { backtest } from './backtest.js';
import { riskStats } from './stats.js';
import { exportList, importList } from './list-files.js';
import { createVerification, type Verification } from './verify/index.js';

export type RiskDeps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit' | 'settings'> & {
  orders: OrderDesk;
  files: FileStore;
  http: HttpClient;
  sandboxUrl?: string | undefined;
};

export interface RiskServices {
  hook: RiskHook;
  signals: SignalStore;
  facts: FactSource;
  rules: RuleStore;
  lists: ListStore & {
    importFile(list: 'black' | 'white', uploadId: string): ReturnType<typeof importList>;
    exportFile(list: 'black' | 'white'): ReturnType<typeof exportList>;
  };
  holds: HoldDesk;
  settings: RiskSettingsStore;
  verification: Verification;
  backtest(rule: RiskRuleDraft, days: number): Promise<BacktestResult>;
  stats(days: number): MethodOutput<'risk.stats'>;
  start(): void;
  stop(): void;
}

export function createRiskServices(d: RiskDeps): RiskServices {
  const signals = new SignalStore(d.sqlite, d.vault);
  const listStore = new ListStore(d, signals);
  const facts = new FactSource(d.sqlite, signals, listStore);
  const rules = new RuleStore(d);
  const verification = createVerification({
    ...d,
    riskSettings: () => settings.get(),
    onPassed: (lineId, actor) => holds.onVerified(lineId, actor),
  });
  const settings = new RiskSettingsStore(d, () => verification);
  const screen = new RiskScreen(d, rules, facts, listStore, settings, () => verification);
  // Releases re-dispatch through their own Dispatcher so the audit names who released (owner, clock, buyer).
  const dispatcher = new Dispatcher(d.sqlite, d.clock, d.orders.timeline, d.appendAudit, () => screen.hook, d.vault);
  const views = new HoldViews(d.sqlite, signals, facts, listStore, (lineId) => verification.state(lineId));
  const holds = new HoldDesk(d, dispatcher, views, listStore, settings);
  const auto = new AutoBlacklist(d, listStore, settings);
  d.orders.capture.setRiskTap({
    orderSeen: (orderId, shop, order) => signals.record(orderId, shop.id, shop.platform, order),
    refundAfterDelivery: (_orderId, lineId) => auto.refundAfterDelivery(lineId),
  });
  const lists = Object.assign(listStore, {
    importFile: (list: 'black' | 'white', uploadId: string) => importList(d, listStore, list, uploadId),
    exportFile: (list: 'black' | 'white') => exportList(d, listStore, list),
  });
  return {
    hook: screen.hook,
    signals,
    facts,
    rules,
    lists,
    holds: holds,
    settings,
    verification,
    backtest: (rule, days) => backtest({ sqlite: d.sqlite, vault: d.vault, now: d.clock.now() }, rule, days),
    stats: (days) => riskStats(d.sqlite, rules.list(), holds.openCount(), d.clock.now(), days),
    start() {
      holds.start();
      verification.start();
    },
    stop() {
      holds.stop();
      verification.stop();
    },
  };
}
