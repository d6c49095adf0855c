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

export const auditMethods = {
  'audit.verify': method({
    summary: '重新校验整条审计链，指出第一条被改动的记录',
    input: z.object({}),
    output: auditVerifyResult,
  }),
  'audit.list': method({
    summary: '按时间倒序列出审计记录',
    input: z.object({
      limit: z.number().int().min(1).max(500).default(50),
      beforeSeq: z.number().int().optional(),
    }),
    output: z.object({ entries: z.array(auditEntry), total: z.number().int() }),
  }),
};
