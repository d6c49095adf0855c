import { z } from 'zod';
import { method } from '../define.js';

export const auditEntry = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  actor: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBroken: z
    .object({ seq: z.number().int(), at: z.number().int().nullable(), reason: z.string() })
    .optional(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;

// Limits carry no message of their own: the host boundary words min/max problems in Chinese (太短 / 太大 …).
const name = z.string().trim().min(1).max(80);
const moment = z.number().int().min(0);

/** Every filter is optional; together they narrow (AND). Times are epoch ms, both ends included. */
const auditFilterShape = {
  actor: name.optional(),
  /** One action or several (any of them). */
  action: z.union([name, z.array(name).min(1).max(200)]).optional(),
  objectType: name.optional(),
  objectId: name.optional(),
  from: moment.optional(),
  to: moment.optional(),
};

type FilterFields = { from?: number | undefined; to?: number | undefined; objectType?: string | undefined; objectId?: string | undefined };

function checkFilter(v: FilterFields, ctx: z.RefinementCtx, prefix: (string | number)[] = []): void {
  if (v.from !== undefined && v.to !== undefined && v.from > v.to) {
    ctx.addIssue({ code: 'custom', message: '结束时间不能早于开始时间', path: [...prefix, 'to'] });
  }
  // The object index is (type, id): an id alone would read the whole log, and "123" means nothing without its kind.
  if (v.objectId !== undefined && v.objectType === undefined) {
    ctx.addIssue({ code: 'custom', message: '按对象编号筛选时请先选择对象类型', path: [...prefix, 'objectType'] });
  }
}

export const auditFilter = z.object(auditFilterShape).superRefine((v, ctx) => checkFilter(v, ctx));
export type AuditFilter = z.infer<typeof auditFilter>;

const facet = z.object({ value: z.string(), count: z.number().int() });
export type AuditFacet = z.infer<typeof facet>;

export const auditFacets = z.object({ actors: z.array(facet), actions: z.array(facet), objectTypes: z.array(facet) });
export type AuditFacets = z.infer<typeof auditFacets>;

export const auditMethods = {
  'audit.verify': method({
    summary: '重新校验整条审计链，指出第一条被改动的记录',
    input: z.object({}),
    output: auditVerifyResult,
  }),
  'audit.list': method({
    summary: '按序号倒序列出审计记录；可按操作人、操作、对象、时间筛选，分页',
    input: z
      .object({
        ...auditFilterShape,
        limit: z.number().int().min(1).max(500).default(50),
        /** Keyset paging: entries older than this sequence number. */
        beforeSeq: z.number().int().optional(),
        /** Page paging: skip this many matching entries (newest first). */
        offset: z.number().int().min(0).max(10_000_000).optional(),
        /** Return the page holding this entry (the 定位 button); the answer's `offset` says which page. */
        focusSeq: z.number().int().min(1).optional(),
      })
      .superRefine((v, ctx) => checkFilter(v, ctx)),
    output: z.object({ entries: z.array(auditEntry), total: z.number().int(), offset: z.number().int() }),
  }),
  'audit.facets': method({
    summary: '审计日志里出现过的操作人、操作和对象类型，各有多少条（筛选项用）',
    input: z.object({}),
    output: auditFacets,
  }),
  'audit.export': method({
    summary: '按当前筛选导出审计日志（Excel 或 CSV），导出本身写入审计',
    input: z.object({ filters: auditFilter.default({}), format: z.enum(['xlsx', 'csv']).default('xlsx') }),
    output: z.object({ downloadId: z.string(), fileName: z.string(), rows: z.number().int() }),
  }),
};
