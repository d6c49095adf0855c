import type { CoreServices } from '../services.js';
import type { Handlers } from './handlers.js';
import { exportAudit } from '../audit/audit-export.js';

type AuditMethods = 'audit.verify' | 'audit.list' | 'audit.facets' | 'audit.export';

/** 审计: thin bindings onto the audit log (verify, filtered pages, export). */
export function auditHandlers(s: CoreServices): Pick<Handlers, AuditMethods> {
  return {
    'audit.verify': () => s.audit.verify(),
    'audit.list': (input) => s.audit.page(input),
    'audit.facets': () => s.audit.facets(),
    'audit.export': (input) => exportAudit({ sqlite: s.sqlite, files: s.files, audit: s.appendAudit, now: () => s.clock.now() }, input),
  };
}
