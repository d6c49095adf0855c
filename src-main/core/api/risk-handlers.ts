import type { Handlers } from './handlers.js';
import type { CoreServices } from '../services.js';

type RiskMethods = 'risk.rules.list' | 'risk.rules.save' | 'risk.rules.delete' | 'risk.rules.reorder' | 'risk.rules.restoreDefaults' | 'risk.rules.backtest' | 'risk.stats' | 'risk.holds.list' | 'risk.holds.approve' | 'risk.holds.reject' | 'risk.holds.blacklist' | 'risk.verify.send' | 'risk.verify.submit' | 'risk.lists.list' | 'risk.lists.add' | 'risk.lists.remove' | 'risk.lists.addFromOrder' | 'risk.lists.import' | 'risk.lists.export' | 'risk.settings.get' | 'risk.settings.update' | 'risk.sms.test';

/** 风控: thin bindings onto the risk services. */
export function riskHandlers(s: CoreServices): Pick<Handlers, RiskMethods> {
  const r = s.risk;
  const changed = (lineId: number) => s.events.emit('risk.changed', { lineIds: [lineId] });
  return {
    'risk.rules.list': () => ({ rules: r.rules.list() }),
    'risk.rules.save': (input) => r.rules.save(input.id, input.rule),
    'risk.rules.delete': (input) => {
      r.rules.delete(input.id);
      return { ok: true as const };
    },
    'risk.rules.reorder': (input) => ({ rules: r.rules.reorder(input.ids) }),
    'risk.rules.restoreDefaults': () => ({ rules: r.rules.restoreDefaults() }),
    'risk.rules.backtest': (input) => r.backtest(input.rule, input.days),
    'risk.stats': (input) => r.stats(input.days),
    'risk.holds.list': (input) => r.holds.list(input),
    'risk.holds.approve': (input) => r.holds.approve(input.lineId, input.note),
    'risk.holds.reject': (input) => r.holds.reject(input.lineId, input.reason),
    'risk.holds.blacklist': (input) => r.holds.blacklist(input.lineId, input.subjects, input.reason),
    'risk.verify.send': async (input) => {
      const state = await r.verification.send(input.lineId, input.via);
      changed(input.lineId);
      return state;
    },
    'risk.verify.submit': (input) => {
      const out = r.verification.submit(input.lineId, input.code, 'owner');
      changed(input.lineId);
      return out;
    },
    'risk.lists.list': (input) => r.lists.list(input),
    'risk.lists.add': (input) => r.lists.add(input),
    'risk.lists.remove': (input) => {
      r.lists.remove(input.id);
      return { ok: true as const };
    },
    'risk.lists.addFromOrder': (input) => r.lists.addFromOrder(input.lineId, input.list, input.subjects, input.note?.trim() || null),
    'risk.lists.import': (input) => r.lists.importFile(input.list, input.uploadId),
    'risk.lists.export': (input) => r.lists.exportFile(input.list),
    'risk.settings.get': () => r.settings.get(),
    'risk.settings.update': (input) => r.settings.update(input),
    'risk.sms.test': (input) => r.verification.testSms(input.phone),
  };
}
