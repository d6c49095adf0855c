import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time under a folder (the renderer's sources and the contract they use). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/** E2E tests drive the built renderer; rebuild it once per run when its sources are newer. */
export default function setup(): void {
  const built = 'out/renderer/index.html';
  const stale = !existsSync(built) || statSync(built).mtimeMs < Math.max(newest('src-renderer'), newest('src-shared'));
  if (stale) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
}
