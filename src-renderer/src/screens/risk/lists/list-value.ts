import type { RiskSubject } from '../../../../../src-shared/contract/methods/risk.js';
import { parseCidr } from '../../../../../src-shared/risk/cidr.js';
import type { Translate } from '../../../i18n/index.js';

/**
 * What the browser can tell about a list value before the core sees it: an IP must be an address or a
 * range (the reason is the one the core gives), an email needs an @. Undefined when it looks fine.
 */
export function listValueProblem(t: Translate, subject: RiskSubject, value: string): string | undefined {
  const v = value.trim();
  if (v === '') return t('risk.list.valueRequired');
  if (subject === 'ip') {
    const parsed = parseCidr(v);
    return parsed.ok ? undefined : parsed.reason;
  }
  if (subject === 'email' && !/^[^\s@]+@[^\s@]+$/.test(v)) return t('risk.list.emailInvalid', { value: v });
  return undefined;
}
