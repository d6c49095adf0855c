import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../src-main/core/index.js';
import type { Envelope } from '../../src-shared/contract/index.js';

/** Tests use a cheap scrypt; the cost is stored with each sealed key, so production keeps its own. */
export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };
export const PASSPHRASE = 'correct horse battery';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(prefix = 'keydesk-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export function testCore(options: Partial<CoreOptions> = {}): Core {
  return createCore({ dataDir: options.dataDir ?? tempDir(), host: 'cli', version: '0.0.0-test', scrypt: FAST_SCRYPT, ...options });
}

/** A core that went through first-run setup with a passphrase; returns the recovery key shown once. */
export async function unlockedCore(options: Partial<CoreOptions> = {}): Promise<{ core: Core; recoveryKey: string }> {
  const core = testCore(options);
  const recoveryKey = await core.services.vault.setup({ method: 'passphrase', passphrase: PASSPHRASE });
  return { core, recoveryKey };
}

export function expectOk<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.data as T;
}
