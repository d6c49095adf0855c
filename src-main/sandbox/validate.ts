// Input validation for simulator control actions: one zod parse that turns problems into a 400
// SandboxError with a Chinese message, so each simulator does not re-invent error formatting.
import type { z } from 'zod';
import { SandboxError } from './http.js';

export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((iss) => {
    const where = iss.path.length > 0 ? iss.path.join('.') : '请求体';
    return `${where}：${iss.message}`;
  });
  throw new SandboxError(400, 'BAD_REQUEST', `${what}参数无效：${details.join('；')}`);
}
