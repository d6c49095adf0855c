import { KeyDeskError, errorBody, type ErrorBody } from '../../../src-shared/contract/index.js';

export class UsageError extends Error {}

/** One way to end a command: JSON on stdout for scripts, or readable Chinese for people. */
export function printResult(json: boolean, data: unknown, human: () => string): void {
  process.stdout.write(json ? JSON.stringify(data) + '\n' : human() + '\n');
}

export function printFailure(json: boolean, err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`用法错误：${err.message}\n运行 keydesk --help 查看用法。\n`);
    return 2;
  }
  const body: ErrorBody = err instanceof KeyDeskError ? err.toBody() : errorBody('INTERNAL', { reason: (err as Error).message });
  if (json) process.stdout.write(JSON.stringify({ ok: false, error: body }) + '\n');
  else process.stderr.write(`错误 [${body.code}]：${body.message}${body.details ? `\n${JSON.stringify(body.details)}` : ''}\n`);
  return 1;
}
