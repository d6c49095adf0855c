// 提醒: every `app.notice` the core emits (low stock, failed top-ups, sync errors, risk holds…) becomes an
// alert, grouped and throttled per kind, shown on the desktop and sent to group-bot webhooks.
import type { z } from 'zod';
import {
  KeyDeskError, type AlertChannel, type AlertChannelKind, type AlertEntry, type AlertKind, type AlertSettings,
  type ChannelTestResult, type alertChannelInput,
} from '../../../src-shared/contract/index.js';
import type { CoreServices } from '../services.js';
import type { HttpClient } from '../channels/types.js';
import { AlertChannels } from './channels.js';
import { AlertLog } from './alert-log.js';
import { AlertSettingsStore } from './alert-settings.js';
import { AlertService } from './alert-service.js';
import { LowStockWatch } from './low-stock.js';

/** The desktop host shows OS notifications (Electron `Notification`); absent elsewhere. */
export type DesktopNotifier = (title: string, body: string) => void;

export type AlertDeps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit' | 'settings'> & {
  http: HttpClient;
  sandboxUrl?: string | undefined;
  notifier?: DesktopNotifier | undefined;
};

export interface Alerts {
  /** Listens to `app.notice`, sends what waited since the last run, watches stock levels. */
  start(): void;
  /** Stops sending; alerts still waiting stay in the table for the next start. */
  stop(): void;
  channels: {
    list(): AlertChannel[];
    save(input: z.output<typeof alertChannelInput>): AlertChannel;
    remove(id: number): { removed: boolean };
    test(id: number): Promise<ChannelTestResult>;
    /** A new simulated bot in the running sandbox (demo): its URL and secret. */
    sandboxBot(kind: AlertChannelKind): Promise<{ url: string; secret: string | null }>;
  };
  settings: {
    get(): AlertSettings;
    update(patch: Partial<AlertSettings>): AlertSettings;
  };
  recent(limit: number, kind?: AlertKind): AlertEntry[];
  /** Sends what is due by the clock now (ended windows, retries); timers call it, tests too. */
  tick(): void;
  /** Resolves once every send started so far has its answer recorded. */
  idle(): Promise<void>;
  /** Looks at stock levels now instead of after the next stock change settles. */
  checkLowStock(): void;
}

export function createAlerts(d: AlertDeps): Alerts {
  const channels = new AlertChannels(d, d.sandboxUrl);
  const log = new AlertLog(d);
  const settings = new AlertSettingsStore(d);
  const service = new AlertService(d, channels, log, settings);
  const lowStock = new LowStockWatch(d);
  return {
    start() {
      service.start();
      lowStock.start();
    },
    stop() {
      lowStock.stop();
      service.stop();
    },
    channels: {
      list: () => channels.list(),
      save: (input) => channels.save(input),
      remove: (id) => channels.remove(id),
      test: (id) => service.test(id),
      sandboxBot: (kind) => sandboxBot(d, kind),
    },
    settings: {
      get: () => settings.get(),
      update: (patch) => settings.update(patch),
    },
    recent: (limit, kind) => log.recent(limit, kind),
    tick: () => service.tick(),
    idle: () => service.idle(),
    checkLowStock: () => lowStock.check(),
  };
}

/** Asks the sandbox for a new simulated bot, over HTTP like any outside service. */
async function sandboxBot(d: AlertDeps, kind: AlertChannelKind): Promise<{ url: string; secret: string | null }> {
  if (!d.sandboxUrl) throw new KeyDeskError('SANDBOX_UNAVAILABLE');
  const base = d.sandboxUrl.replace(/\/$/, '');
  const response = await d.http({
    method: 'POST', url: `${base}/_control/${kind}/addBot`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '卡密工作台提醒' }),
  });
  if (response.status !== 200) throw new KeyDeskError('SANDBOX_UNAVAILABLE', { status: response.status });
  const bot = JSON.parse(response.text) as { path: string; secret: string | null };
  return { url: `${base}${bot.path}`, secret: bot.secret };
}
