// Runs one simulator request with the picked fault applied. Kept apart from host.ts so the meaning of
// each fault kind lives in one place; the host only supplies timers and socket holding.
import type { FaultRule } from './faults.js';
import { errorResponse, serialize } from './http.js';
import type { SimRequest, SimResponse, Simulator } from './types.js';

export const DEFAULT_SLOW_MS = 2_000;
export const DEFAULT_TIMEOUT_HOLD_MS = 30_000;

/** Returned instead of a response when the socket is being held open on purpose (timeout fault). */
export const HELD = Symbol('held');

export interface DispatchEnv {
  /** Delay that the host cancels on close, so a closing sandbox never waits for slow faults. */
  sleep(ms: number): Promise<void>;
  /** Keep the connection open without answering, destroying it after `ms` or on close. */
  hold(ms: number): void;
}

export async function dispatch(
  sim: Simulator,
  req: SimRequest,
  rule: FaultRule | undefined,
  env: DispatchEnv,
): Promise<SimResponse | typeof HELD> {
  switch (rule?.kind) {
    case undefined:
      return await sim.handle(req);
    // Server-side failures answer before the simulator runs: nothing was processed, like a gateway error.
    case 'http5xx':
      return (
        sim.faultBody?.('http5xx', rule) ??
        errorResponse(rule.status ?? 500, 'SANDBOX_FAULT', '沙箱注入的故障：服务器内部错误')
      );
    case 'rateLimit':
      return (
        sim.faultBody?.('rateLimit', rule) ?? {
          ...errorResponse(rule.status ?? 429, 'RATE_LIMITED', '沙箱注入的故障：请求过于频繁，请稍后再试'),
          headers: { 'retry-after': '1' },
        }
      );
    case 'timeout':
      env.hold(rule.delayMs ?? DEFAULT_TIMEOUT_HOLD_MS);
      return HELD;
    case 'slow':
      await env.sleep(rule.delayMs ?? DEFAULT_SLOW_MS);
      return await sim.handle(req);
    // The simulator does run (side effects happen) and only the answer is cut: the nasty real-world
    // case where a delivery succeeded but the client could not read the reply.
    case 'malformed':
      return truncate(await sim.handle(req));
    case 'duplicate':
      return await sim.handle({ ...req, fault: rule });
  }
}

function truncate(response: SimResponse): SimResponse {
  const text = serialize(response).payload.toString('utf8');
  let cut = text.slice(0, Math.ceil(text.length / 2));
  if (isJson(cut)) cut = '{"data":[{"id":'; // e.g. `12345` → `123` still parses; force a broken body
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: cut };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
