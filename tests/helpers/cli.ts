import { spawn, spawnSync } from 'node:child_process';

export const BIN = 'bin/keydesk.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json: () => unknown;
}

/** Runs the real `keydesk` binary as a user would, with no TTY (so it never prompts). */
export function keydesk(args: string[], env: Record<string, string | undefined> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, KEYDESK_PASSPHRASE: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as unknown };
}

export interface ServeAddress {
  url: string;
  origin: string;
  token: string;
  /** The sandbox's base URL (`沙箱（模拟平台）：URL`), when started with `--sandbox`. */
  sandboxUrl?: string;
}

/**
 * Starts `keydesk serve` and resolves with its printed URL once it is listening (and, with `--sandbox`,
 * once the sandbox's URL is printed too).
 */
export function startServe(args: string[], env: Record<string, string | undefined> = {}) {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const withSandbox = args.includes('--sandbox');
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<ServeAddress>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /KeyDesk listening on (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(out);
      const sandbox = /沙箱（模拟平台）：(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (!m || (withSandbox && !sandbox)) return;
      resolve({ url: m[0].replace('KeyDesk listening on ', ''), origin: m[1]!, token: m[2]!, ...(sandbox && { sandboxUrl: sandbox[1]! }) });
    });
    child.once('exit', (code) => reject(new Error(`keydesk serve exited ${code}: ${err}`)));
  });
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { child, ready, stop, output: () => out, errors: () => err };
}
