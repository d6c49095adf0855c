import { z } from 'zod';
import { fen, method } from '../define.js';

export const keyField = z.enum(['cardNo', 'secret', 'expiry', 'faceValue', 'note']);
export type KeyField = z.infer<typeof keyField>;

/** Where the keys come from: an uploaded file, text pasted into a box, or (CLI/desktop) a path. */
export const importSource = z.union([
  z.object({ uploadId: z.string().regex(/^[\w-]{8,64}$/) }),
  z.object({ text: z.string().min(1, '请粘贴卡密').max(20_000_000, '粘贴内容过大，请改用文件导入'), name: z.string().max(200).optional() }),
  z.object({ path: z.string().min(1) }),
]);
export type ImportSource = z.infer<typeof importSource>;

export const columnGuess = z.object({
  index: z.number().int(),
  header: z.string(),
  field: keyField.nullable(),
  confidence: z.enum(['header', 'content', 'none']),
  duplicateOf: z.number().int().optional(),
});

export const importPreview = z.object({
  fileName: z.string(),
  fileHash: z.string(),
  format: z.enum(['xlsx', 'xls', 'ods', 'csv', 'txt']),
  sheets: z.array(z.object({ index: z.number().int(), name: z.string(), hidden: z.boolean().optional() })),
  sheet: z.number().int(),
  headerRow: z.number().int().nullable(),
  columns: z.array(columnGuess),
  /** First rows as they will be read; the secret column is masked. */
  sampleRows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  /** Same file already imported before (by hash): when and how many keys. */
  previousImports: z.array(z.object({ importId: z.number().int(), finishedAt: z.number().int(), imported: z.number().int() })),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importMapping = z.partialRecord(keyField, z.number().int().min(0)).refine((m) => m.secret !== undefined, { message: '必须指定“卡密”列' });


export const importRequest = z.object({
  /** Chosen by the client so it can follow import.progress and cancel before the call returns. */
  jobId: z.string().regex(/^[\w-]{6,64}$/),
  source: importSource,
  productId: z.number().int(),
  sheet: z.number().int().min(0).default(0),
  /** null = the file has no header row. Omitted = detect. */
  headerRow: z.number().int().min(1).nullable().optional(),
  mapping: importMapping.optional(),
  batch: z.object({
    supplier: z.string().trim().max(100).default(''),
    unitCostFen: fen,
    purchasedAt: z.number().int().optional(),
    /** Batch-wide expiry as a China calendar day (YYYY-MM-DD); a per-row expiry column wins. */
    expiryDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional(),
    priority: z.number().int().min(-100).max(100).default(0),
    note: z.string().max(500).default(''),
  }),
  /** all = all-or-nothing (default); partial = import valid rows, report the rest. */
  mode: z.enum(['all', 'partial']).default('all'),
});
export type ImportRequest = z.input<typeof importRequest>;

export const importProblem = z.object({
  row: z.number().int(),
  kind: z.enum(['invalid', 'duplicate_in_file', 'duplicate_in_stock', 'warning']),
  reason: z.string(),
});

export const importOutcome = z.object({
  importId: z.number().int().nullable(),
  status: z.enum(['committed', 'rejected']),
  imported: z.number().int(),
  duplicatesInFile: z.number().int(),
  duplicatesInStock: z.number().int(),
  /** The first invalid rows (up to 1,000); `invalidCount` is the total, all of them are in the problem list download. */
  invalid: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  invalidCount: z.number().int(),
  warnings: z.array(z.object({ row: z.number().int(), reason: z.string() })),
  /** Why nothing was written, when status is rejected. */
  rejectedBecause: z.string().optional(),
  batchId: z.number().int().nullable(),
});
export type ImportOutcome = z.infer<typeof importOutcome>;

export const importRecord = z.object({
  id: z.number().int(),
  productId: z.number().int(),
  fileName: z.string(),
  fileHash: z.string(),
  status: z.enum(['committed', 'rejected', 'undone']),
  imported: z.number().int(),
  duplicatesInFile: z.number().int(),
  duplicatesInStock: z.number().int(),
  invalid: z.number().int(),
  startedAt: z.number().int(),
  finishedAt: z.number().int(),
  undoneAt: z.number().int().nullable(),
  /** Undo is possible while none of its keys left stock. */
  canUndo: z.boolean(),
});
export type ImportRecord = z.infer<typeof importRecord>;

export const importMethods = {
  'inventory.previewImport': method({
    summary: '预览导入文件：识别格式、工作表、标题行和列',
    input: z.object({ source: importSource, sheet: z.number().int().min(0).optional() }),
    output: importPreview,
    maxBodyBytes: 40 * 1024 * 1024,
  }),
  'inventory.import': method({
    summary: '导入卡密：加密、去重，默认全部成功或全部不导入',
    input: importRequest,
    output: importOutcome,
    maxBodyBytes: 40 * 1024 * 1024,
  }),
  'inventory.cancelImport': method({
    summary: '取消正在进行的导入（不会写入任何卡密）',
    input: z.object({ jobId: z.string() }),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'inventory.discardUpload': method({
    summary: '放弃一个尚未导入的上传文件（关闭导入向导时，明文卡密文件立即删除）',
    input: z.object({ uploadId: z.string().regex(/^[\w-]{8,64}$/) }),
    output: z.object({ discarded: z.boolean() }),
  }),
  'inventory.imports': method({
    summary: '导入历史',
    input: z.object({ productId: z.number().int().optional(), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.array(importRecord),
  }),
  'inventory.undoImport': method({
    summary: '撤销一次导入（其卡密均未发出时）',
    input: z.object({ importId: z.number().int(), reason: z.string().trim().min(1, '请填写原因').max(200) }),
    output: importRecord,
  }),
  'inventory.importProblems': method({
    summary: '下载一次导入的问题清单（.xlsx）',
    input: z.object({ importId: z.number().int() }),
    output: z.object({ downloadId: z.string(), fileName: z.string(), rows: z.number().int() }),
  }),
};
