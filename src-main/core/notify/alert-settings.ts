// 提醒设置: the throttle window, desktop notifications on/off and which kinds are sent at all. Stored in
// the settings table; every change is audited.
import { alertKind, alertSettings, type AlertSettings } from '../../../src-shared/contract/index.js';
import type { CoreServices } from '../services.js';

const KEY = 'alerts.settings';

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { throttleMinutes: 5, desktop: true, kinds: [...alertKind.options] };

type Deps = Pick<CoreServices, 'sqlite' | 'settings' | 'appendAudit'>;

export class AlertSettingsStore {
  constructor(private readonly d: Deps) {}

  get(): AlertSettings {
    const parsed = alertSettings.partial().safeParse(this.d.settings.get(KEY) ?? {});
    return { ...DEFAULT_ALERT_SETTINGS, ...(parsed.success ? stripUndefined(parsed.data) : {}) };
  }

  update(patch: Partial<AlertSettings>): AlertSettings {
    const next = alertSettings.parse({ ...this.get(), ...stripUndefined(patch) });
    next.kinds = alertKind.options.filter((k) => next.kinds.includes(k));
    this.d.sqlite.transaction(() => {
      this.d.settings.set(KEY, next);
      this.d.appendAudit({ actor: 'owner', action: 'alerts.settings.update', objectType: 'settings', objectId: KEY, summary: { ...next, kinds: next.kinds.join(',') } });
    }).immediate();
    return next;
  }

  windowMs(): number {
    return this.get().throttleMinutes * 60_000;
  }
}

function stripUndefined<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
