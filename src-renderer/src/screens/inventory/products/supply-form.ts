import type { MethodInput } from '../../../../../src-shared/contract/index.js';
import type { ProductSupply } from '../../../../../src-shared/contract/methods/topup.js';
import type { ProductType } from '../../../../../src-shared/contract/methods/products.js';
import type { AccountRule } from '../../../../../src-shared/recharge-account.js';

/** The supply section as the owner fills it; ids stay undefined until picked. */
export interface SupplyFormValues {
  route: ProductSupply['route'];
  supplierId: number | undefined;
  supplierProductId: string;
  portalAccountId: number | undefined;
  packageId: string;
  accountRule: AccountRule;
  accountRegex: string;
  checkBeforeDelivery: boolean;
  remindAfterDays: number | null;
}

export function toSupplyForm(supply: ProductSupply | null): SupplyFormValues {
  return {
    route: supply?.route ?? 'supplier',
    supplierId: supply?.supplierId ?? undefined,
    supplierProductId: supply?.supplierProductId ?? '',
    portalAccountId: supply?.portalAccountId ?? undefined,
    packageId: supply?.packageId ?? '',
    accountRule: supply?.accountRule ?? 'phone',
    accountRegex: supply?.accountRegex ?? '',
    checkBeforeDelivery: supply?.checkBeforeDelivery ?? false,
    remindAfterDays: supply?.remindAfterDays ?? null,
  };
}

const text = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/**
 * Form → `supply.set`. Only the chosen route's fields are kept (a supplier product id left over from
 * before switching to the site would be misleading); the card checks are kept for every type.
 */
export function toSupplyInput(values: SupplyFormValues, productId: number, type: ProductType): MethodInput<'supply.set'> {
  const direct = type === 'direct';
  const viaSupplier = direct && values.route === 'supplier';
  const viaSite = direct && values.route === 'rpa';
  return {
    productId,
    route: values.route,
    supplierId: viaSupplier ? (values.supplierId ?? null) : null,
    supplierProductId: viaSupplier ? text(values.supplierProductId) : null,
    portalAccountId: viaSite ? (values.portalAccountId ?? null) : null,
    packageId: viaSite ? text(values.packageId) : null,
    accountRule: values.accountRule,
    accountRegex: values.accountRule === 'regex' ? values.accountRegex : null,
    checkBeforeDelivery: values.checkBeforeDelivery,
    remindAfterDays: values.remindAfterDays,
  };
}

/** The section's fields; a server issue naming one of them is shown on it. */
export const SUPPLY_FIELDS: readonly string[] = [
  'route', 'supplierId', 'supplierProductId', 'portalAccountId', 'packageId', 'accountRule', 'accountRegex', 'checkBeforeDelivery', 'remindAfterDays',
];
