// Fault injection rules. Pure (no I/O, injectable randomness) so the selection logic is unit-tested
// without a server; host.ts/dispatch.ts turn a picked rule into actual HTTP misbehaviour.
import { z } from 'zod';

export const FAULT_KINDS = ['http5xx', 'timeout', 'slow', 'malformed', 'rateLimit', 'duplicate'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  id: string;
  simulator: string;
  /** Applies to paths equal to this prefix or below it (`/orders` hits `/orders/1`, not `/ordersX`). */
  pathPrefix?: string;
  kind: FaultKind;
  /** Response status for http5xx (default 500) and rateLimit (default 429). */
  status?: number;
  /** slow: delay before answering; timeout: how long the socket is held before being destroyed. */
  delayMs?: number;
  /** Remaining hits; undefined = until cleared. */
  times?: number;
  /** Chance (0..1) that a matching request is hit; undefined = always. */
  probability?: number;
}

const MAX_DELAY_MS = 600_000;

// Messages are Chinese because they surface in the demo UI and in test failure output read by the team.
const ruleSchema = z
  .strictObject(
    {
      id: z
        .string({ error: '必须是字符串' })
        .min(1, '不能为空')
        .max(64, '最多 64 个字符')
        .regex(/^[\w.-]+$/, '只能包含字母、数字、下划线、点和横线')
        .optional(),
      simulator: z.string({ error: '必填，且必须是模拟器名称字符串' }).min(1, '不能为空'),
      pathPrefix: z.string({ error: '必须是字符串' }).startsWith('/', '必须以 / 开头').optional(),
      kind: z.enum(FAULT_KINDS, { error: `必须是 ${FAULT_KINDS.join('、')} 之一` }),
      status: z
        .number({ error: '必须是数字' })
        .int('必须是整数')
        .min(100, '必须在 100–599 之间')
        .max(599, '必须在 100–599 之间')
        .optional(),
      delayMs: z
        .number({ error: '必须是数字（毫秒）' })
        .int('必须是整数（毫秒）')
        .min(0, '不能为负数')
        .max(MAX_DELAY_MS, `不能超过 ${MAX_DELAY_MS} 毫秒`)
        .optional(),
      times: z.number({ error: '必须是数字' }).int('必须是正整数').positive('必须是正整数（省略表示直到清除）').optional(),
      probability: z
        .number({ error: '必须是数字' })
        .min(0, '必须在 0 到 1 之间')
        .max(1, '必须在 0 到 1 之间')
        .optional(),
    },
    {
      error: (iss) =>
        iss.code === 'unrecognized_keys' ? `不认识的字段：${iss.keys.join('、')}` : '故障规则必须是 JSON 对象',
    },
  )
  .superRefine((rule, ctx) => {
    if (rule.kind === 'http5xx' && rule.status !== undefined && (rule.status < 500 || rule.status > 599)) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'http5xx 故障的状态码必须在 500–599 之间' });
    }
  });

/** Thrown for an invalid rule; `message` is a readable Chinese summary of every problem. */
export class FaultRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultRuleError';
  }
}

/** Validates untrusted input (control API JSON) into a rule without an id yet. */
export function parseFaultRule(input: unknown): Omit<FaultRule, 'id'> & { id?: string } {
  const result = ruleSchema.safeParse(input);
  if (result.success) return stripUndefined(result.data);
  const details = result.error.issues.map((iss) => {
    const where = iss.path.length > 0 ? iss.path.join('.') : '规则';
    return `${where}：${iss.message}`;
  });
  throw new FaultRuleError(`故障规则无效：${details.join('；')}`);
}

function stripUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

function pathMatches(prefix: string | undefined, path: string): boolean {
  if (prefix === undefined || prefix === '/') return true;
  if (path === prefix) return true;
  return path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/** The live set of rules. Rules are checked in insertion order; the first one that matches wins. */
export class FaultBook {
  #rules: FaultRule[] = [];
  #seq = 0;
  readonly #random: () => number;

  constructor(options: { random?: () => number } = {}) {
    this.#random = options.random ?? Math.random;
  }

  /** Validates and stores a rule; returns a copy including its (possibly generated) id. */
  add(input: unknown): FaultRule {
    const parsed = parseFaultRule(input);
    const id = parsed.id ?? this.#nextId();
    if (this.#rules.some((r) => r.id === id)) throw new FaultRuleError(`故障规则无效：id：${id} 已存在`);
    const rule: FaultRule = { ...parsed, id };
    this.#rules.push(rule);
    return { ...rule };
  }

  /** Copies, so callers cannot change live counters by accident. */
  list(simulator?: string): FaultRule[] {
    return this.#rules.filter((r) => simulator === undefined || r.simulator === simulator).map((r) => ({ ...r }));
  }

  /** Rules currently set for one simulator (none consumed), for simulators that shape pages themselves. */
  activeFaults(simulator: string): FaultRule[] {
    return this.list(simulator);
  }

  /** Removes every rule; returns how many were removed. */
  clear(): number {
    const n = this.#rules.length;
    this.#rules = [];
    return n;
  }

  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    return this.#rules.length !== before;
  }

  /**
   * The rule to apply to one request, or undefined. A hit consumes one of `times` (the rule disappears
   * at zero); a probability miss consumes nothing, so `times` counts real injected faults.
   */
  pick(simulator: string, path: string): FaultRule | undefined {
    for (const rule of this.#rules) {
      if (rule.simulator !== simulator || !pathMatches(rule.pathPrefix, path)) continue;
      if (rule.probability !== undefined && !(this.#random() < rule.probability)) continue;
      if (rule.times !== undefined) {
        rule.times -= 1;
        if (rule.times <= 0) this.remove(rule.id);
      }
      return { ...rule };
    }
    return undefined;
  }

  #nextId(): string {
    let id: string;
    do id = `fault-${++this.#seq}`;
    while (this.#rules.some((r) => r.id === id));
    return id;
  }
}
