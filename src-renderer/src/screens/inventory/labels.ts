import type { KeyStatus } from '../../../../src-shared/contract/methods/inventory.js';
import type { ProductType, StockCounts } from '../../../../src-shared/contract/methods/products.js';
import type { MessageKey } from '../../i18n/index.js';

/** The six states of a key, in the order a key moves through them, with the colour each is shown in. */
export const keyStatuses: { status: KeyStatus & keyof StockCounts; label: MessageKey; color: string }[] = [
  { status: 'available', label: 'inventory.status.available', color: 'green' },
  { status: 'reserved', label: 'inventory.status.reserved', color: 'gold' },
  { status: 'delivered', label: 'inventory.status.delivered', color: 'blue' },
  { status: 'redeemed', label: 'inventory.status.redeemed', color: 'geekblue' },
  { status: 'void', label: 'inventory.status.void', color: 'default' },
  { status: 'expired', label: 'inventory.status.expired', color: 'red' },
];

export function statusInfo(status: KeyStatus) {
  return keyStatuses.find((s) => s.status === status)!;
}

export const DAY_MS = 86_400_000;

/** How an expiry reads at a glance: gone, within a week (the same window as products.list), or fine. */
export function expiryTone(expiresAt: number | null, now: number): 'expired' | 'soon' | 'ok' | 'none' {
  if (expiresAt === null) return 'none';
  if (expiresAt < now) return 'expired';
  return expiresAt < now + 7 * DAY_MS ? 'soon' : 'ok';
}

export const productTypeLabel: Record<ProductType, MessageKey> = {
  card: 'inventory.type.card',
  direct: 'inventory.type.direct',
  combo: 'inventory.type.combo',
};
