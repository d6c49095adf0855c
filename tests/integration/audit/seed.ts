import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '../../../src-main/core/index.js';
import type { AuditEntry } from '../../../src-shared/contract/index.js';
import { toEntry, type AuditRow } from '../../../src-main/core/audit/audit-query.js';
import { unlockedCore } from '../../helpers/core.js';

export const T0 = Date.UTC(2026, 0, 10, 0, 0, 0); // 2026-01-10 08:00 Beijing
export const MINUTE = 60_000;

const ACTORS = ['owner', 'system', 'platform'];
const ACTIONS = ['dispatch.reserve', 'delivery.confirm', 'key.void', 'shop.update', 'aftersales.replace'];
const OBJECTS = ['order_line', 'key', 'shop'];

/** Deterministic pseudo-random picks, so a failing case can be replayed. */
function picker(seed: number) {
  let x = seed;
  return <T>(list: readonly T[]): T => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return list[x % list.length]!;
  };
}

/**
 * A core whose log holds `n` varied entries (after vault.setup), one every few minutes from T0, written
 * through AuditLog.append like any change. Returns every entry, oldest first, for plain-filter checks.
 */
export async function seededCore(n: number, dataDir?: string): Promise<{ core: Core; all: AuditEntry[]; setNow(ms: number): void }> {
  let now = T0 - MINUTE;
  const { core } = await unlockedCore({ clock: { now: () => now }, ...(dataDir !== undefined && { dataDir }) });
  const { sqlite, audit } = core.services;
  const pick = picker(7);
  sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      now = T0 + i * 3 * MINUTE;
      const objectType = pick(OBJECTS);
      audit.append({ actor: pick(ACTORS), action: pick(ACTIONS), objectType, objectId: String(1 + (i % 7)), summary: { order: `P${1000 + i}`, priceFen: 1990 + i } });
    }
  }).immediate();
  now = T0 + n * 3 * MINUTE;
  return { core, all: allEntries(core), setNow: (ms) => (now = ms) };
}

/** Every entry straight from the table, oldest first: the plain answer the filtered query must match. */
export function allEntries(core: Core): AuditEntry[] {
  return (core.services.sqlite.prepare('select * from audit_log order by seq').all() as AuditRow[]).map(toEntry);
}

/**
 * A folder that lives for a whole describe block (the shared helper's temp folders are removed after
 * each test, which suits per-test cores but not one seeded core read by many tests).
 */
export function suiteDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'keydesk-audit-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
