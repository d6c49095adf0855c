import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * Starts a worker thread by name. From source (tsx CLI, vitest) the `.ts` file next to the caller runs
 * through tsx's loader; in the Electron build the core is bundled into out/main/index.js and each
 * worker is its own entry beside it (see electron.vite.config.ts), so only the file name changes.
 */
export function spawnWorker(callerUrl: string, name: string, workerData: unknown): Worker {
  const here = fileURLToPath(callerUrl);
  if (here.endsWith('.ts')) {
    // Loader flags in a worker's execArgv are not honoured on Node 20, so register tsx from inside it.
    const tsxApi = pathToFileURL(tsxEsmApi()).href;
    const target = pathToFileURL(join(dirname(here), `${name}.ts`)).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(target)}); })`;
    return new Worker(boot, { eval: true, workerData });
  }
  return new Worker(join(dirname(here), `${name}.js`), { workerData });
}

/** tsx's ESM register API file, found through its package exports (require.resolve would pick the CJS one). */
function tsxEsmApi(): string {
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return join(dirname(pkgPath), pkg.exports['./esm/api']!.import.default);
}
