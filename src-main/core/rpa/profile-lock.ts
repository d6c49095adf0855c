// A persistent browser profile can be open in one browser only; two KeyDesk processes on the same data
// folder (a second window started by hand, the CLI next to the app) must not both open it. The lock is a
// file in the profile folder holding the owner's pid; a lock left by a process that is gone is taken over.
import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { uptime } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'keydesk.lock';

/** A lock file too young to hold its content may still be being written by its owner. */
const UNREADABLE_GRACE_MS = 10_000;

export class ProfileLockedError extends Error {
  constructor(
    readonly profileDir: string,
    readonly pid: number | null,
  ) {
    super(`该网站账号的浏览器正被另一个 KeyDesk 进程使用${pid === null ? '' : `（进程号 ${pid}）`}，请关闭那个窗口后再试`);
    this.name = 'ProfileLockedError';
  }
}

export interface LockContent {
  pid: number;
  at: number;
  token: string;
}

export interface LockEnv {
  pid: number;
  now(): number;
  /** True when a process with this pid exists (default: `process.kill(pid, 0)`). */
  isAlive(pid: number): boolean;
  /** Epoch ms the machine booted: a lock written before it is stale whatever its pid says (pid reuse). */
  bootedAt: number;
}

export function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user — still alive.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export const systemLockEnv = (): LockEnv => ({
  pid: process.pid,
  now: () => Date.now(),
  isAlive: pidIsAlive,
  bootedAt: Date.now() - uptime() * 1000,
});

export function parseLock(text: string): LockContent | null {
  try {
    const v = JSON.parse(text) as Partial<LockContent>;
    if (typeof v.pid === 'number' && typeof v.at === 'number' && typeof v.token === 'string') {
      return { pid: v.pid, at: v.at, token: v.token };
    }
  } catch {
    // not JSON: handled as unreadable below
  }
  return null;
}

/** Pure rule: may a lock with this content (null = unreadable, written `ageMs` ago) be taken over? */
export function isStale(content: LockContent | null, ageMs: number, env: LockEnv): boolean {
  if (content === null) return ageMs > UNREADABLE_GRACE_MS;
  if (content.at < env.bootedAt) return true;
  return !env.isAlive(content.pid);
}

export interface ProfileLock {
  readonly path: string;
  release(): void;
}

/**
 * Takes the lock of `profileDir` (which must exist) or throws ProfileLockedError. The lock is created
 * with `open(…, 'wx')`, so of two processes racing for a free profile exactly one wins.
 */
export function acquireProfileLock(profileDir: string, env: LockEnv = systemLockEnv()): ProfileLock {
  const path = join(profileDir, LOCK_FILE);
  const token = randomUUID();
  // Each round either creates the lock, refuses, or removes a stale lock and tries again; a few rounds
  // cover another process taking the stale lock over at the same moment.
  for (let round = 0; round < 3; round++) {
    if (tryCreate(path, { pid: env.pid, at: env.now(), token })) return lockHandle(path, token);
    const seen = readLock(path);
    if (seen === undefined) continue; // released between our open and our read
    if (!isStale(seen.content, env.now() - seen.mtimeMs, env)) throw new ProfileLockedError(profileDir, seen.content?.pid ?? null);
    removeStale(path, seen.raw);
  }
  throw new ProfileLockedError(profileDir, null);
}

function tryCreate(path: string, content: LockContent): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(content));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLock(path: string): { raw: string; content: LockContent | null; mtimeMs: number } | undefined {
  try {
    const raw = readFileSync(path, 'utf8');
    return { raw, content: parseLock(raw), mtimeMs: statSync(path).mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Moves the stale lock aside before deleting it, and checks that what was moved is the lock judged
 * stale: if another process replaced it in between, its fresh lock is put back instead of deleted.
 */
function removeStale(path: string, staleRaw: string): void {
  const aside = `${path}.stale-${randomUUID()}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (readFileSync(aside, 'utf8') !== staleRaw) {
    try {
      linkSync(aside, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  unlinkSync(aside);
}

function lockHandle(path: string, token: string): ProfileLock {
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      // Only our own lock is removed: after a (wrong) takeover the file may belong to someone else.
      const current = readLock(path);
      if (current?.content?.token === token) unlinkSync(path);
    },
  };
}
