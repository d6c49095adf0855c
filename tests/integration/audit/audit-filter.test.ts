import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Core } from '../../../src-main/core/index.js';
import type { AuditEntry, AuditFilter } from '../../../src-shared/contract/index.js';
import { expectOk } from '../../helpers/core.js';
import { seededCore, suiteDir, T0, MINUTE } from './seed.js';

/** The straightforward answer: walk every entry and keep the ones the filter describes, newest first. */
function plainFilter(all: AuditEntry[], f: AuditFilter): number[] {
  const actions = f.action === undefined ? undefined : Array.isArray(f.action) ? f.action : [f.action];
  return all
    .filter((e) => f.actor === undefined || e.actor === f.actor)
    .filter((e) => actions === undefined || actions.includes(e.action))
    .filter((e) => f.objectType === undefined || e.objectType === f.objectType)
    .filter((e) => f.objectId === undefined || e.objectId === f.objectId)
    .filter((e) => f.from === undefined || e.at >= f.from)
    .filter((e) => f.to === undefined || e.at <= f.to)
    .map((e) => e.seq)
    .reverse();
}

const CASES: [string, AuditFilter][] = [
  ['no filter', {}],
  ['actor', { actor: 'system' }],
  ['one action', { action: 'delivery.confirm' }],
  ['one action as a list', { action: ['key.void'] }],
  ['several actions', { action: ['dispatch.reserve', 'aftersales.replace', 'vault.setup'] }],
  ['object type', { objectType: 'order_line' }],
  ['object type and id', { objectType: 'order_line', objectId: '3' }],
  ['from only', { from: T0 + 600 * MINUTE }],
  ['to only', { to: T0 + 90 * MINUTE }],
  ['time range, both ends included', { from: T0 + 30 * MINUTE, to: T0 + 300 * MINUTE }],
  ['actor + actions + time', { actor: 'owner', action: ['shop.update', 'key.void'], from: T0, to: T0 + 900 * MINUTE }],
  ['actor + object + time', { actor: 'platform', objectType: 'key', objectId: '5', from: T0 + 3 * MINUTE }],
  ['nothing matches', { action: 'no.such.action' }],
  ['unknown actor', { actor: 'buyer' }],
];

describe('audit.list filters', () => {
  let core: Core;
  let all: AuditEntry[];
  const folder = suiteDir();
  beforeAll(async () => {
    ({ core, all } = await seededCore(420, folder.dir));
  });
  afterAll(() => {
    core?.close();
    folder.remove();
  });

  it.each(CASES)('%s returns exactly the matching entries, newest first, with their total', async (_name, filter) => {
    const expected = plainFilter(all, filter);
    const pageSize = 50;
    const seen: number[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = expectOk<{ entries: AuditEntry[]; total: number; offset: number }>(await core.call('audit.list', { ...filter, limit: pageSize, offset }));
      expect(page.total).toBe(expected.length);
      expect(page.offset).toBe(offset);
      seen.push(...page.entries.map((e) => e.seq));
      if (page.entries.length < pageSize) break;
    }
    expect(seen).toEqual(expected);
  });

  it('the filters really narrow: each case but "no filter" leaves some entries out, most keep some', () => {
    const counts = CASES.map(([, f]) => plainFilter(all, f).length);
    expect(counts[0]).toBe(421);
    expect(counts.slice(1).every((n) => n < 421)).toBe(true);
    expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(CASES.length - 2);
  });

  it('keeps the old keyset paging (beforeSeq) for existing callers', async () => {
    const page = expectOk<{ entries: AuditEntry[]; total: number }>(await core.call('audit.list', { limit: 3, beforeSeq: 10 }));
    expect(page.entries.map((e) => e.seq)).toEqual([9, 8, 7]);
    expect(page.total).toBe(421);
    expect(core.services.audit.list(2).entries.map((e) => e.seq)).toEqual([421, 420]);
  });

  it('focusSeq answers with the page holding that entry, under the same filter', async () => {
    const filter: AuditFilter = { objectType: 'order_line' };
    const expected = plainFilter(all, filter);
    const target = expected[73]!;
    const page = expectOk<{ entries: AuditEntry[]; offset: number }>(await core.call('audit.list', { ...filter, limit: 20, focusSeq: target }));
    expect(page.offset).toBe(60);
    expect(page.entries.map((e) => e.seq)).toEqual(expected.slice(60, 80));
    const unfiltered = expectOk<{ entries: AuditEntry[]; offset: number }>(await core.call('audit.list', { limit: 50, focusSeq: 5 }));
    expect(unfiltered.entries.map((e) => e.seq)).toContain(5);
    expect(unfiltered.offset).toBe(400);
  });

  it('facets count every actor, action and object type in the log', async () => {
    const facets = expectOk<{ actors: { value: string; count: number }[]; actions: { value: string; count: number }[]; objectTypes: { value: string; count: number }[] }>(
      await core.call('audit.facets', {}),
    );
    const tally = (key: 'actor' | 'action' | 'objectType') => {
      const m = new Map<string, number>();
      for (const e of all) m.set(e[key], (m.get(e[key]) ?? 0) + 1);
      return m;
    };
    expect(new Map(facets.actors.map((f) => [f.value, f.count]))).toEqual(tally('actor'));
    expect(new Map(facets.actions.map((f) => [f.value, f.count]))).toEqual(tally('action'));
    expect(new Map(facets.objectTypes.map((f) => [f.value, f.count]))).toEqual(tally('objectType'));
    expect(facets.actions[0]!.count).toBeGreaterThanOrEqual(facets.actions.at(-1)!.count);
  });

  it.each([
    ['an end before the start', { from: T0 + MINUTE, to: T0 }, 'to', '结束时间不能早于开始时间'],
    ['an object id without its type', { objectId: '3' }, 'objectType', '按对象编号筛选时请先选择对象类型'],
    ['an empty action list', { action: [] }, 'action', '太小，至少为 1'],
    ['a blank actor', { actor: '   ' }, 'actor', '太短，至少 1 个字符'],
    ['a negative time', { from: -5 }, 'from', '太小，至少为 0'],
    ['a page too large', { limit: 501 }, 'limit', '太大，最多为 500'],
  ])('refuses %s with a Chinese message naming the field', async (_name, input, field, message) => {
    const before = core.services.audit.list(1).total;
    const res = await core.call('audit.list', input);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: { issues: expect.arrayContaining([{ field, message }]) as unknown } } });
    expect(core.services.audit.list(1).total).toBe(before);
  });
});
