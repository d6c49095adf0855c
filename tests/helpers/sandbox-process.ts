// The sandbox in its own process, for the bench and the kill test: the platform must outlive the core
// being killed, and must not share the core's event loop when throughput is measured.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./sandbox-child.ts', import.meta.url));

export interface SandboxProcess {
  url: string;
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startSandboxProcess(): Promise<SandboxProcess> {
  // KEYDESK_SANDBOX_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": profile the platform side of a bench.
  const nodeArgs = process.env.KEYDESK_SANDBOX_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`sandbox process exited early (${code})`)));
  });
  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const send = () =>
      fetch(`${url}/_control/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    // A kept-alive socket the sandbox closed while this process was blocked (spawnSync) fails once.
    const res = await send().catch(() => send());
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`sandbox ${path}: ${JSON.stringify(json)}`);
    return json;
  };
  return {
    url,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
