import type { ImportPreview, ImportRequest, ImportSource, KeyField } from '../../../../../src-shared/contract/methods/imports.js';
import { beijingDayStart, yuanToFen } from '../money.js';

/** What the owner says a column is; `ignore` = not imported. */
export type FieldChoice = KeyField | 'ignore';

export const FIELD_ORDER: KeyField[] = ['cardNo', 'secret', 'expiry', 'faceValue', 'note'];

/** How many columns the preview has: the guess knows the header's width, the rows may be wider. */
export function columnCount(preview: ImportPreview): number {
  return Math.max(preview.columns.length, ...preview.sampleRows.map((r) => r.cells.length), 1);
}

/** The core's guesses, one choice per column; a column it could not place is ignored. */
export function initialFields(preview: ImportPreview): FieldChoice[] {
  return Array.from({ length: columnCount(preview) }, (_, i) => preview.columns.find((c) => c.index === i)?.field ?? 'ignore');
}

/** Gives `field` to column `col`; a field belongs to one column, so whoever had it lets go. */
export function assignField(fields: FieldChoice[], col: number, field: FieldChoice): FieldChoice[] {
  return fields.map((f, i) => (i === col ? field : field !== 'ignore' && f === field ? 'ignore' : f));
}

export function mappingOf(fields: FieldChoice[]): Partial<Record<KeyField, number>> {
  const mapping: Partial<Record<KeyField, number>> = {};
  fields.forEach((f, i) => {
    if (f !== 'ignore') mapping[f] = i;
  });
  return mapping;
}

/** The batch part of the preview form, as typed: money in 元, days as `YYYY-MM-DD`. */
export interface BatchValues {
  supplier: string;
  unitCost: string;
  purchasedDay: string | undefined;
  expiryDay: string | undefined;
  priority: number;
  note: string;
}

export const EMPTY_BATCH: BatchValues = { supplier: '', unitCost: '', purchasedDay: undefined, expiryDay: undefined, priority: 0, note: '' };

/** Everything about an import except where the file comes from and the job id, so a retry can reuse it. */
export interface ImportSettings {
  productId: number;
  sheet: number;
  headerRow: number | null;
  fields: FieldChoice[];
  batch: BatchValues;
  mode: 'all' | 'partial';
}

export function buildImportRequest(jobId: string, source: ImportSource, s: ImportSettings): ImportRequest {
  const b = s.batch;
  return {
    jobId,
    source,
    productId: s.productId,
    sheet: s.sheet,
    headerRow: s.headerRow,
    mapping: mappingOf(s.fields),
    batch: {
      supplier: b.supplier.trim(),
      unitCostFen: b.unitCost.trim() === '' ? 0 : yuanToFen(b.unitCost),
      ...(b.purchasedDay && { purchasedAt: beijingDayStart(b.purchasedDay) }),
      ...(b.expiryDay && { expiryDay: b.expiryDay }),
      priority: b.priority,
      note: b.note.trim(),
    },
    mode: s.mode,
  };
}

/** Chosen here so progress events can be matched and the run cancelled before the call returns. */
export function newJobId(): string {
  return crypto.randomUUID();
}
