// 提醒: every `app.notice` the core emits (low stock, failed top-ups, sync errors, risk holds…) becomes an
// alert, grouped and throttled per kind, shown on the desktop and sent to group-bot webhooks.
// Filled by the alerts work; the interface below is what createCore relies on.
import type { CoreServices } from '../services.js';
import type { HttpClient } from '../channels/types.js';

/** The desktop host shows OS notifications (Electron `Notification`); absent elsewhere. */
export type DesktopNotifier = (title: string, body: string) => void;

export type AlertDeps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit' | 'settings'> & {
  http: HttpClient;
  sandboxUrl?: string | undefined;
  notifier?: DesktopNotifier | undefined;
};

export interface Alerts {
  start(): void;
  stop(): void;
}

export function createAlerts(_d: AlertDeps): Alerts {
  return { start() {}, stop() {} };
}
