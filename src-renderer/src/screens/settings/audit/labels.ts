import { useMemo } from 'react';
import type { AuditWords } from '../../../../../src-shared/audit/describe.js';
import {
  AUDIT_ACTION_TITLES, AUDIT_ACTOR_TITLES, AUDIT_FIELD_TITLES, AUDIT_OBJECT_TITLES, AUDIT_VALUE_TITLES, isTitled,
} from '../../../../../src-shared/audit/titles.js';
import { useT, type MessageKey, type Translate } from '../../../i18n/index.js';

/** One kind of name → its dictionary prefix; a name without a title is shown as the core wrote it. */
function lookup(t: Translate, table: Record<string, string>, prefix: string): (name: string) => string {
  return (name) => (isTitled(table, name) ? t(`${prefix}${name}` as MessageKey) : name);
}

export function auditWords(t: Translate): AuditWords {
  return {
    action: lookup(t, AUDIT_ACTION_TITLES, 'audit.action.'),
    actor: lookup(t, AUDIT_ACTOR_TITLES, 'audit.actor.'),
    object: lookup(t, AUDIT_OBJECT_TITLES, 'audit.object.'),
    field: lookup(t, AUDIT_FIELD_TITLES, 'audit.field.'),
    value: lookup(t, AUDIT_VALUE_TITLES, 'audit.value.'),
    yes: t('audit.yes'),
    no: t('audit.no'),
    colon: t('common.colon'),
    separator: t('common.listSeparator'),
  };
}

/** The audit log's words in the language the owner chose. */
export function useAuditWords(): AuditWords {
  const t = useT();
  return useMemo(() => auditWords(t), [t]);
}
