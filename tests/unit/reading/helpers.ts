import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import { readRows, type ImportSource, type RawRow, type ReadOptions } from '../../../src-main/core/inventory/reading/index.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));

export function fixture(name: string): { path: string } {
  return { path: FIXTURES + name };
}

export async function readAll(source: ImportSource, opts: ReadOptions = {}): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const chunk of readRows(source, opts)) rows.push(...chunk);
  return rows;
}

/** Rows as [row number, cell texts] — unsafe numbers marked with a trailing "!" so a lost flag fails the test. */
export function table(rows: RawRow[]): [number, string[]][] {
  return rows.map((r) => [r.row, r.cells.map((c) => (c.unsafeNumber ? `${c.text}!` : c.text))]);
}

/** The KeyDeskError a call fails with (its code and details), or a failure if it succeeds or throws something else. */
export async function failure(run: () => unknown): Promise<{ code: string; details: unknown; message: string }> {
  try {
    await run();
  } catch (err) {
    if (err instanceof KeyDeskError) return { code: err.code, details: err.details, message: err.message };
    throw new Error(`expected a KeyDeskError, got: ${String(err)}`);
  }
  throw new Error('expected a KeyDeskError, but the call succeeded');
}

const made: string[] = [];
/** A scratch directory, removed when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keydesk-reading-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
