import type { Compare, RiskCondition, RiskRule } from '../../../../../src-shared/risk/rules.js';
import { formatFen } from '../../../../../src-shared/format.js';
import type { Translate } from '../../../i18n/index.js';

/** Names of the products and shops a condition refers to by id; an unknown id shows as `#12`. */
export interface ConditionNames {
  products: ReadonlyMap<number, string>;
  shops: ReadonlyMap<number, string>;
}

/** Longer selections are cut to this many names plus a count, so a row stays one line. */
const NAMES_SHOWN = 3;

function nameList(t: Translate, names: string[]): string {
  const sep = t('risk.cond.sep');
  if (names.length <= NAMES_SHOWN) return names.join(sep);
  return t('risk.cond.andMore', { names: names.slice(0, NAMES_SHOWN).join(sep), count: names.length });
}

/** `90` → 90 分钟, `60` → 1 小时, `2880` → 2 天: the window as the owner would say it. */
export function describeWindow(t: Translate, minutes: number): string {
  if (minutes % 1440 === 0) return t('risk.window.days', { n: minutes / 1440 });
  if (minutes % 60 === 0) return t('risk.window.hours', { n: minutes / 60 });
  return t('risk.window.minutes', { n: minutes });
}

const hourText = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * One condition of a rule in the owner's words (`同一买家 1 小时内超过 3 单`). Pure: the words come
 * from `t`, the product and shop names from `names`.
 */
export function describeCondition(c: RiskCondition, t: Translate, names: ConditionNames): string {
  const op = (o: Compare) => t(`risk.op.${o}`);
  switch (c.field) {
    case 'amount':
      return t('risk.cond.amount', { op: op(c.op), amount: formatFen(c.fen) });
    case 'quantity':
      return t('risk.cond.quantity', { op: op(c.op), value: c.value });
    case 'product':
      return t('risk.cond.product', { names: nameList(t, c.productIds.map((id) => names.products.get(id) ?? `#${id}`)) });
    case 'shop':
      return t('risk.cond.shop', { names: nameList(t, c.shopIds.map((id) => names.shops.get(id) ?? `#${id}`)) });
    case 'platform':
      return t('risk.cond.platform', { names: nameList(t, c.platforms.map((p) => t(`shops.platform.${p}`))) });
    case 'hour':
      return t(c.from < c.to ? 'risk.cond.hour' : 'risk.cond.hourOvernight', { from: hourText(c.from), to: hourText(c.to) });
    case 'risk_flag':
      return c.flags.length === 0 ? t('risk.cond.anyFlag') : t('risk.cond.flags', { flags: nameList(t, c.flags) });
    case 'velocity':
      return t('risk.cond.velocity', {
        subject: t(`risk.velocitySubject.${c.subject}`),
        window: describeWindow(t, c.windowMinutes),
        op: t(`risk.countOp.${c.op}`),
        count: c.count,
      });
    case 'new_buyer':
      return t(c.value ? 'risk.cond.newBuyer' : 'risk.cond.oldBuyer');
    case 'list':
      return t(`risk.cond.list.${c.list}`, { subject: c.subject === 'any' ? t('risk.cond.anyIdentity') : t(`risk.subject.${c.subject}`) });
    case 'text':
      return t(`risk.cond.text.${c.op}`, { subject: t(`risk.textSubject.${c.subject}`), value: c.value });
    case 'ip':
      return t(c.op === 'in' ? 'risk.cond.ipIn' : 'risk.cond.ipNotIn', { cidrs: nameList(t, c.cidrs) });
    case 'missing':
      return t('risk.cond.missing', { subject: t(`risk.subject.${c.subject}`) });
    default:
      return missingCase(c);
  }
}

function missingCase(c: never): never {
  throw new Error(`describeCondition: unknown condition ${JSON.stringify(c)}`);
}

/** Every condition of a rule, joined with 且 (all of them must hold). */
export function describeConditions(conditions: RiskRule['conditions'], t: Translate, names: ConditionNames): string {
  return conditions.map((c) => describeCondition(c, t, names)).join(t('risk.cond.and'));
}
