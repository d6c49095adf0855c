import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Real SQLite files, scrypt, HTTP servers and a browser: generous limits, never timed assertions.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'core',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          // A project does not inherit the root's limits: without this, setting up a core under load hit vitest's 10 s.
          hookTimeout: 120_000,
          // Most of these wait on HTTP simulators, timers and child processes rather than the CPU: three files at
          // once on two cores cut the run by about a third without flaking (measured). E2E runs after, alone.
          maxWorkers: 3,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // E2E drives the built renderer: built once per run, when its sources changed.
          globalSetup: ['tests/e2e/build-renderer.ts'],
          // A browser per file is CPU-heavy: under other load, clicks and animations time out. One at a time.
          maxWorkers: 1,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
