import type { z } from 'zod';
import {
  methods, isMethodName, errorBody, KeyDeskError,
  type Envelope, type MethodName,
} from '../../../src-shared/contract/index.js';
import type { Handlers } from './handlers.js';
import type { Logger } from '../log/logger.js';

/**
 * The one door into the core for every host: unknown method, bad input, locked vault and thrown
 * errors all come back as an error envelope with a Chinese message; a stack trace never leaves.
 */
export async function callMethod(
  handlers: Handlers,
  /** Why a method that needs the vault open cannot run now, or undefined when it can. */
  lockedReason: () => 'VAULT_LOCKED' | 'VAULT_NOT_SET_UP' | undefined,
  log: Logger,
  name: string,
  rawInput: unknown,
): Promise<Envelope<unknown>> {
  if (!isMethodName(name)) return { ok: false, error: errorBody('UNKNOWN_METHOD', { method: name }) };
  const def = methods[name];
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: errorBody('INVALID_INPUT', { method: name, issues: describeIssues(parsed.error) }) };
  }
  const locked = def.unlocked ? lockedReason() : undefined;
  if (locked) return { ok: false, error: errorBody(locked, { method: name }) };
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    const output: unknown = await handler(parsed.data);
    return { ok: true, data: def.output.parse(output) };
  } catch (err) {
    if (err instanceof KeyDeskError) {
      log.warn({ method: name, code: err.code, details: err.details }, 'callMethod: refused');
      return { ok: false, error: err.toBody() };
    }
    log.error({ method: name, err: { message: (err as Error).message, stack: (err as Error).stack } }, 'callMethod: failed');
    return { ok: false, error: errorBody('INTERNAL', { method: name }) };
  }
}

/** Field path + Chinese message per problem, so the UI can mark the field. */
export function describeIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.join('.') || '(整体)', message: chineseIssue(i) }));
}

function chineseIssue(issue: z.core.$ZodIssue): string {
  // A message the contract wrote says it best ('费率不能超过 30%'); zod's own defaults are English.
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺少此项' : `类型不正确，应为 ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' ? `太短，至少 ${String(issue.minimum)} 个字符` : `太小，至少为 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `太长，最多 ${String(issue.maximum)} 个字符` : `太大，最多为 ${String(issue.maximum)}`;
    case 'invalid_value':
      return `取值不正确，可选：${issue.values.map(String).join(' / ')}`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join(', ')}`;
    case 'invalid_union':
      return '不符合任何一种可接受的格式';
    default:
      // Custom messages (e.g. '请输入密码') are already Chinese; zod's English defaults are not.
      return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '格式不正确';
  }
}

export type { MethodName };
