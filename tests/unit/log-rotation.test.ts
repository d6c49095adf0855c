import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rotateLogs } from '../../src-main/core/log/logger.js';
import { tempDir } from '../helpers/core.js';

describe('log rotation at start', () => {
  it('keeps a small log, rotates a big one, and keeps three generations', () => {
    const dir = tempDir();
    const log = join(dir, 'keydesk.log');
    writeFileSync(log, 'small');
    rotateLogs(dir);
    expect(readFileSync(log, 'utf8')).toBe('small');
    for (const generation of ['a', 'b', 'c', 'd']) {
      writeFileSync(log, generation.repeat(10 * 1024 * 1024));
      rotateLogs(dir);
    }
    expect(existsSync(log)).toBe(false);
    expect(readFileSync(`${log}.1`, 'utf8')[0]).toBe('d');
    expect(readFileSync(`${log}.3`, 'utf8')[0]).toBe('b');
    expect(existsSync(`${log}.4`)).toBe(false);
  });
});
