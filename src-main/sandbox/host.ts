// The sandbox HTTP server: routes `/<simulator>/…` through fault injection to the simulator and
// `/_control/…` to the control API. Loopback only: simulators accept fake credentials and must never be
// reachable from the network or used on a production path.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { RESERVED_CONTROL_NAMES, handleControl, type ControlContext } from './control.js';
import { HELD, dispatch, type DispatchEnv } from './dispatch.js';
import { FaultBook } from './faults.js';
import { SandboxError, errorToResponse, notFound, parseJsonBody, readBody, send } from './http.js';
import type { SimRequest, SimResponse, Simulator } from './types.js';

export interface SandboxOptions {
  /** 0 (default) = random free port. */
  port?: number;
  simulators: Simulator[];
  /** Drives fault probabilities; inject a fixed function for deterministic tests. */
  random?: () => number;
  log?: (line: string) => void;
}

export interface Sandbox {
  /** e.g. `http://127.0.0.1:54321`; a simulator lives at `${url}/<name>`. */
  url: string;
  port: number;
  server: Server;
  faults: FaultBook;
  /** Stops listening and drops every connection, including sockets held by timeout faults. */
  close(): Promise<void>;
  register(sim: Simulator): void;
}

const LOOPBACK = '127.0.0.1';
const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

const describe = (err: unknown): string => (err instanceof Error ? (err.stack ?? err.message) : String(err));

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a broken escape simply fails to match any route → 404
  }
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const log = options.log ?? (() => {});
  const simulators = new Map<string, Simulator>();
  const faults = new FaultBook(options.random ? { random: options.random } : {});
  // Tracked so close() can cancel them: tests must not wait 30 s for a held socket to time out.
  const timers = new Set<NodeJS.Timeout>();
  const heldSockets = new Set<Socket>();

  const register = (sim: Simulator): void => {
    if (!NAME_PATTERN.test(sim.name) || RESERVED_CONTROL_NAMES.has(sim.name)) {
      throw new Error(`模拟器名称无效：${sim.name}（只能用小写字母、数字和横线，且不能是保留名）`);
    }
    if (simulators.has(sim.name)) throw new Error(`模拟器名称重复：${sim.name}`);
    simulators.set(sim.name, sim);
  };
  options.simulators.forEach(register);

  const control: ControlContext = {
    simulators,
    faults,
    resetAll() {
      faults.clear();
      for (const sim of simulators.values()) sim.reset?.();
    },
  };

  const envFor = (res: ServerResponse): DispatchEnv => ({
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, ms);
        timers.add(t);
      }),
    hold(ms) {
      const socket = res.socket;
      if (!socket) return;
      heldSockets.add(socket);
      const t = setTimeout(() => socket.destroy(), ms);
      timers.add(t);
      socket.once('close', () => {
        clearTimeout(t);
        timers.delete(t);
        heldSockets.delete(socket);
      });
    },
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<SimResponse | typeof HELD> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}`);
    const [, first = '', ...restSegments] = url.pathname.split('/');
    const body = await readBody(req);

    if (first === '_control') {
      const segments = restSegments.filter((s) => s !== '').map(safeDecode);
      return handleControl(control, method, segments, body);
    }
    const sim = simulators.get(first);
    if (!sim) throw notFound(method, url.pathname);

    const path = `/${restSegments.join('/')}`;
    const simReq: SimRequest = {
      method,
      path,
      query: url.searchParams,
      headers: req.headers,
      body,
      json<T>() {
        try {
          return parseJsonBody(body) as T | undefined;
        } catch {
          return undefined;
        }
      },
    };
    const rule = faults.pick(sim.name, path);
    if (rule) log(`[sandbox] 注入故障 ${rule.kind} (${rule.id}) → ${method} ${url.pathname}`);
    try {
      return await dispatch(sim, simReq, rule, envFor(res));
    } catch (err) {
      if (!(err instanceof SandboxError)) log(`[sandbox] 模拟器 ${sim.name} 出错：${describe(err)}`);
      return errorToResponse(err, `模拟器 ${sim.name} `);
    }
  }

  const server = createServer((req, res) => {
    route(req, res)
      .catch((err: unknown) => {
        if (!(err instanceof SandboxError)) log(`[sandbox] 处理请求出错：${describe(err)}`);
        return errorToResponse(err, '沙箱');
      })
      .then((out) => {
        if (out === HELD) return;
        log(`[sandbox] ${req.method ?? ''} ${req.url ?? ''} → ${out.status}`);
        send(res, out);
      })
      .catch((err: unknown) => log(`[sandbox] 发送响应失败：${String(err)}`));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: LOOPBACK }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('沙箱未能获得监听端口');
  const port = address.port;
  log(`[sandbox] 已启动 http://${LOOPBACK}:${port}`);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const socket of heldSockets) socket.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };

  return { url: `http://${LOOPBACK}:${port}`, port, server, faults, close, register };
}
