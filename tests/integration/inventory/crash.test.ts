import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from '../../helpers/cli.js';
import { unlockedCore, tempDir, testCore, PASSPHRASE } from '../../helpers/core.js';
import { addProduct, keyCount } from '../../helpers/inventory.js';

describe('a crash in the middle of an import', () => {
  it('leaves nothing of it: no keys, no history, a healthy database and audit chain', async () => {
    const dataDir = tempDir();
    const { core } = await unlockedCore({ dataDir });
    await addProduct(core, 'CRASH');
    core.close();
    const file = join(tempDir(), 'keys.txt');
    writeFileSync(file, Array.from({ length: 300_000 }, (_, i) => `KEY-${i.toString(36).padStart(12, '0')}`).join('\n'));

    const child = spawn(process.execPath, [BIN, 'import', file, '--product', 'CRASH', '--data-dir', dataDir, '--json'], {
      env: { ...process.env, KEYDESK_PASSPHRASE: PASSPHRASE },
      stdio: 'ignore',
    });
    const tmp = join(dataDir, 'tmp');
    // Kill once sealed keys are being staged: the worst moment, half a file in flight.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const staging = existsSync(tmp) ? readdirSync(tmp).find((f) => f.includes('import-')) : undefined;
      if (staging && statSync(join(tmp, staging)).size > 256 * 1024) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;

    const again = testCore({ dataDir });
    await again.services.vault.unlock({ passphrase: PASSPHRASE });
    expect(keyCount(again)).toBe(0);
    expect(again.services.sqlite.prepare('select count(*) as n from imports').get()).toEqual({ n: 0 });
    expect(again.services.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(again.services.audit.verify().ok).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
    again.close();
  }, 120_000);
});
