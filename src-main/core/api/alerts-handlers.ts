import type { Handlers } from './handlers.js';
import type { CoreServices } from '../services.js';

type AlertsMethods =
  | 'alerts.channels.list' | 'alerts.channels.save' | 'alerts.channels.remove' | 'alerts.channels.test' | 'alerts.channels.sandboxBot'
  | 'alerts.settings.get' | 'alerts.settings.update' | 'alerts.recent';

/** 提醒: thin bindings onto the alerts service. */
export function alertsHandlers(s: CoreServices): Pick<Handlers, AlertsMethods> {
  const a = s.alerts;
  return {
    'alerts.channels.list': () => a.channels.list(),
    'alerts.channels.save': (input) => a.channels.save(input),
    'alerts.channels.remove': (input) => a.channels.remove(input.id),
    'alerts.channels.test': (input) => a.channels.test(input.id),
    'alerts.channels.sandboxBot': (input) => a.channels.sandboxBot(input.kind),
    'alerts.settings.get': () => a.settings.get(),
    'alerts.settings.update': (input) => a.settings.update(input),
    'alerts.recent': (input) => a.recent(input.limit, input.kind),
  };
}
