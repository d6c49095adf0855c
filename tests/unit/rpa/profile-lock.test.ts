import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireProfileLock, LOCK_FILE, pidIsAlive, ProfileLockedError, systemLockEnv, type LockEnv } from '../../../src-main/core/rpa/profile-lock.js';
import { tempDir } from '../../helpers/core.js';

/** A pid that surely belongs to no process: one that just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const otherProcess = (pid: number): LockEnv => ({ ...systemLockEnv(), pid });

describe('profile lock', () => {
  it('is taken once: a second taker is refused with a Chinese message naming the holder', () => {
    const dir = tempDir();
    const lock = acquireProfileLock(dir);
    const content = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number; at: number };
    expect(content.pid).toBe(process.pid);

    const refused = (() => {
      try {
        acquireProfileLock(dir, otherProcess(process.pid + 1));
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(refused).toBeInstanceOf(ProfileLockedError);
    expect((refused as Error).message).toContain('该网站账号的浏览器正被另一个 KeyDesk 进程使用');
    expect((refused as Error).message).toContain(String(process.pid));

    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    acquireProfileLock(dir).release();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = tempDir();
    const gone = deadPid();
    expect(pidIsAlive(gone)).toBe(false);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: gone, at: Date.now() - 1000, token: 'old' }));

    const lock = acquireProfileLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('refuses a lock whose process is alive', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, at: Date.now(), token: 'theirs' }));
    expect(() => acquireProfileLock(dir)).toThrow(ProfileLockedError);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ token: 'theirs' });
  });

  it('treats a lock written before the machine booted as stale, whatever its pid (pid reuse)', () => {
    const dir = tempDir();
    const env: LockEnv = { pid: 10, now: () => 5_000_000, isAlive: () => true, bootedAt: 4_000_000 };
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 20, at: 3_000_000, token: 'before-reboot' }));
    acquireProfileLock(dir, env).release();
  });

  it('waits for an unreadable lock that may still be being written, takes it over once old', () => {
    const dir = tempDir();
    const path = join(dir, LOCK_FILE);
    writeFileSync(path, '');
    expect(() => acquireProfileLock(dir)).toThrow(ProfileLockedError);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(path, old, old);
    acquireProfileLock(dir).release();
  });

  it('release leaves alone a lock that another process took over meanwhile', () => {
    const dir = tempDir();
    const lock = acquireProfileLock(dir);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, at: Date.now(), token: 'someone-else' }));
    lock.release();
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ token: 'someone-else' });
  });
});
