// What the portal sells and the rules it enforces on a recharge form, kept apart from the pages so the
// rules read in one place. Pure.
import { BEIJING_OFFSET_MS } from '../platforms/units.js';

export interface PortalPackage {
  id: string;
  /** Chinese name shown in the select and the history table. */
  name: string;
  /** What the merchant's portal balance is charged, integer 分. */
  priceFen: number;
}

export const PORTAL_PACKAGES: readonly PortalPackage[] = [
  { id: 'iqiyi-gold-month', name: '黄金会员月卡', priceFen: 1980 },
  { id: 'iqiyi-gold-quarter', name: '黄金会员季卡', priceFen: 5400 },
  { id: 'iqiyi-gold-year', name: '黄金会员年卡', priceFen: 19800 },
  { id: 'iqiyi-platinum-month', name: '白金会员月卡', priceFen: 3500 },
  { id: 'iqiyi-platinum-year', name: '白金会员年卡', priceFen: 34800 },
];

export function findPackage(id: string): PortalPackage | undefined {
  return PORTAL_PACKAGES.find((p) => p.id === id);
}

/** Package name for display; cards may name packages the portal does not sell, shown by id. */
export const packageName = (id: string): string => findPackage(id)?.name ?? id;

const PHONE = /^1\d{10}$/;
const QQ = /^[1-9]\d{4,11}$/;
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;

/** The portal accepts a phone number, a QQ number or an email as the account to top up. */
export const isRechargeAccount = (account: string): boolean =>
  PHONE.test(account) || QQ.test(account) || EMAIL.test(account);

/** `VP` + Beijing date + 7 digits, e.g. `VP202612061234567`, like the portal's real order numbers. */
export function orderNumber(at: number, random: () => number): string {
  const date = new Date(at + BEIJING_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
  const digits = String(Math.floor(random() * 10_000_000)).padStart(7, '0');
  return `VP${date}${digits}`;
}
