import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// electron-store cannot load without the Electron binary. It is a thin shell over `conf` (it only
// fills in the userData folder and maps `name` to `configName`), so the real `conf` underneath
// checks our schema and our clearInvalidConfig choice.
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class ElectronStore extends Conf<Record<string, unknown>> {
    constructor({ name, ...options }: { name?: string; cwd?: string }) {
      super({ ...options, configName: name ?? 'config', projectName: 'keydesk-test' });
    }
  }
  return { default: ElectronStore };
});

const { createSettingsStore } = await import('../../../src-main/hosts/electron/settings-store.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keydesk-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createSettingsStore', () => {
  it('keeps the sealed KEK and window size across restarts', () => {
    const first = createSettingsStore({ cwd: dir });
    first.set('vault.sealedKek', 'djEwAAAA');
    first.set('windowBounds', { width: 1400, height: 900 });
    const second = createSettingsStore({ cwd: dir });
    expect(second.get('vault.sealedKek')).toBe('djEwAAAA');
    expect(second.get('windowBounds')).toEqual({ width: 1400, height: 900 });
  });

  it('rejects values outside the schema', () => {
    const store = createSettingsStore({ cwd: dir });
    expect(() => store.set('vault', { sealedKek: 42 } as never)).toThrow();
    expect(() => store.set('windowBounds', { width: 'wide' } as never)).toThrow();
  });

  it('refuses to start on a damaged file instead of wiping the sealed key', () => {
    const store = createSettingsStore({ cwd: dir });
    store.set('vault.sealedKek', 'djEwAAAA');
    const file = store.path;
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 10));
    const damaged = readFileSync(file, 'utf8');
    expect(() => createSettingsStore({ cwd: dir })).toThrow();
    expect(readFileSync(file, 'utf8')).toBe(damaged);
  });
});
