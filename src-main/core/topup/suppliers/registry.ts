// The built-in supplier adapters, by kind.
import { fuluAdapter } from './fulu/index.js';
import type { SupplierAdapter, SupplierKind } from './types.js';

export function defaultSupplierAdapters(): Record<SupplierKind, SupplierAdapter> {
  return { fulu: fuluAdapter };
}

export function supplierAdapter(kind: SupplierKind): SupplierAdapter {
  return defaultSupplierAdapters()[kind];
}
