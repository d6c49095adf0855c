import type { AuditEntry } from '../../../../src-shared/contract/methods/audit.js';
import type { MessageKey, Translate } from '../../i18n/index.js';

// Actions and values the core writes today, in the owner's words. An action this build does not know
// yet is shown as written, which is still better than hiding the row.
const actions: Record<string, MessageKey> = {
  'vault.setup': 'audit.action.vaultSetup',
  'vault.unlock': 'audit.action.vaultUnlock',
  'vault.lock': 'audit.action.vaultLock',
  'vault.passphrase.change': 'audit.action.passphraseChange',
  'vault.rotate': 'audit.action.keyRotate',
  'vault.recovery.confirm': 'audit.action.recoveryConfirm',
  'sandbox.demoShop.open': 'audit.action.demoShopOpen',
};

const actors: Record<string, MessageKey> = { owner: 'audit.actor.owner', system: 'audit.actor.system' };

const values: Record<string, MessageKey> = {
  passphrase: 'audit.value.passphrase',
  'os-keychain': 'audit.value.keychain',
  recovery: 'audit.value.recovery',
};

const fields: Record<string, MessageKey> = {
  method: 'audit.field.method',
  via: 'audit.field.via',
  keyVersion: 'audit.field.keyVersion',
  name: 'audit.field.name',
};

export function actionLabel(t: Translate, action: string): string {
  const key = actions[action];
  return key ? t(key) : action;
}

export function actorLabel(t: Translate, actor: string): string {
  const key = actors[actor];
  return key ? t(key) : actor;
}

/** `保护方式：密码；…` — the summary never holds a secret (the core guarantees it), so all of it is shown. */
export function summaryText(t: Translate, summary: AuditEntry['summary']): string {
  return Object.entries(summary)
    .map(([field, raw]) => {
      const label = fields[field] ? t(fields[field]) : field;
      const text = typeof raw === 'string' ? (values[raw] ? t(values[raw]) : raw) : JSON.stringify(raw);
      return `${label}${t('common.colon')}${text}`;
    })
    .join(t('common.listSeparator'));
}
