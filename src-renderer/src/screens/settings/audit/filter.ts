import type { Dayjs } from 'dayjs';
import type { AuditFilter } from '../../../../../src-shared/contract/methods/audit.js';
import { pickedToMs } from '../../inventory/batches/pin.js';

/** The filter bar as the owner set it. Times are picked minutes, read as Beijing time. */
export interface AuditFilterValues {
  actor?: string | undefined;
  actions: string[];
  objectType?: string | undefined;
  objectId: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

export const NO_FILTER: AuditFilterValues = { actions: [], objectId: '', range: null };

export function isFiltered(v: AuditFilterValues): boolean {
  return v.actor !== undefined || v.actions.length > 0 || v.objectType !== undefined || v.range !== null;
}

/** → `audit.list` / `audit.export` filters. The end minute is included whole (13:45 means up to 13:45:59.999). */
export function toAuditFilter(v: AuditFilterValues): AuditFilter {
  const [from, to] = v.range ?? [null, null];
  const objectId = v.objectId.trim();
  return {
    ...(v.actor !== undefined && { actor: v.actor }),
    ...(v.actions.length > 0 && { action: v.actions }),
    ...(v.objectType !== undefined && { objectType: v.objectType }),
    ...(v.objectType !== undefined && objectId !== '' && { objectId }),
    ...(from && { from: pickedToMs(from) }),
    ...(to && { to: pickedToMs(to) + 59_999 }),
  };
}
