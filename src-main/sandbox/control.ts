// The control API under /_control/: how tests and the demo UI drive the sandbox (simulator actions,
// state snapshots, fault rules, reset). Outside services never see these routes.
import { FaultRuleError, type FaultBook } from './faults.js';
import { SandboxError, errorResponse, notFound, parseJsonBody } from './http.js';
import type { SimResponse, Simulator } from './types.js';

/** First path segments under /_control/ that therefore cannot be simulator names. */
export const RESERVED_CONTROL_NAMES = new Set(['simulators', 'faults', 'reset']);

export interface ControlContext {
  simulators: ReadonlyMap<string, Simulator>;
  faults: FaultBook;
  resetAll(): void;
}

const ok = (body: unknown, status = 200): SimResponse => ({ status, body: body ?? { ok: true } });

function parseControlJson(body: Buffer): unknown {
  try {
    return parseJsonBody(body);
  } catch {
    throw new SandboxError(400, 'BAD_JSON', '请求体不是有效的 JSON');
  }
}

function requireSimulator(ctx: ControlContext, name: string): Simulator {
  const sim = ctx.simulators.get(name);
  if (!sim) throw new SandboxError(404, 'UNKNOWN_SIMULATOR', `没有名为 ${name} 的模拟器`);
  return sim;
}

/** `segments` are the decoded path parts after `/_control/`. */
export async function handleControl(
  ctx: ControlContext,
  method: string,
  segments: string[],
  body: Buffer,
): Promise<SimResponse> {
  const [first, second, ...rest] = segments;
  const route = `${method} ${segments.join('/')}`;
  const miss = () => notFound(method, `/_control/${segments.join('/')}`);
  if (first === undefined || rest.length > 0) throw miss();

  if (route === 'GET simulators') {
    const list = [...ctx.simulators.values()].map((s) => ({ name: s.name, title: s.title }));
    return ok({ simulators: list });
  }
  if (route === 'POST reset') {
    ctx.resetAll();
    return ok({ ok: true });
  }
  if (first === 'faults') return handleFaults(ctx, method, second, body);
  if (second === undefined) throw miss();

  const sim = requireSimulator(ctx, first);
  if (method === 'GET' && second === 'state') return ok(sim.snapshot ? sim.snapshot() : {});
  if (method === 'POST') {
    if (!sim.control) throw new SandboxError(404, 'NO_CONTROL', `模拟器 ${sim.name} 不支持控制操作`);
    return ok(await sim.control(second, parseControlJson(body)));
  }
  throw miss();
}

function handleFaults(ctx: ControlContext, method: string, id: string | undefined, body: Buffer): SimResponse {
  if (id === undefined) {
    if (method === 'GET') return ok({ faults: ctx.faults.list() });
    if (method === 'DELETE') return ok({ cleared: ctx.faults.clear() });
    if (method === 'POST') return addFault(ctx, parseControlJson(body));
  } else if (method === 'DELETE') {
    if (!ctx.faults.remove(id)) throw new SandboxError(404, 'NOT_FOUND', `没有 id 为 ${id} 的故障规则`);
    return ok({ removed: id });
  }
  throw notFound(method, `/_control/faults${id === undefined ? '' : `/${id}`}`);
}

function addFault(ctx: ControlContext, input: unknown): SimResponse {
  try {
    // Check the name first: a typo would otherwise create a rule that silently never fires.
    const name = (input as { simulator?: unknown } | null)?.simulator;
    if (typeof name === 'string' && name !== '' && !ctx.simulators.has(name)) {
      return errorResponse(400, 'BAD_FAULT_RULE', `故障规则无效：simulator：没有名为 ${name} 的模拟器`);
    }
    return ok(ctx.faults.add(input), 201);
  } catch (err) {
    if (err instanceof FaultRuleError) return errorResponse(400, 'BAD_FAULT_RULE', err.message);
    throw err;
  }
}
