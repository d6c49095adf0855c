import { describe, expect, it } from 'vitest';
import { FaultBook, FaultRuleError } from '../../src-main/sandbox/faults.js';

const CHINESE = /[\u4e00-\u9fff]/;

describe('FaultBook', () => {
  it('returns nothing when no rule matches and assigns unique ids', () => {
    const book = new FaultBook();
    expect(book.pick('demo-shop', '/orders')).toBeUndefined();
    const a = book.add({ simulator: 'demo-shop', kind: 'http5xx' });
    const b = book.add({ simulator: 'demo-shop', kind: 'slow', delayMs: 10 });
    expect(a.id).not.toBe(b.id);
    expect(book.list().map((r) => r.id)).toEqual([a.id, b.id]);
  });

  it('only hits the named simulator', () => {
    const book = new FaultBook();
    book.add({ simulator: 'supplier', kind: 'http5xx' });
    expect(book.pick('demo-shop', '/orders')).toBeUndefined();
    expect(book.pick('supplier', '/orders')?.kind).toBe('http5xx');
  });

  it('counts down `times` and drops the rule when used up', () => {
    const book = new FaultBook();
    const rule = book.add({ simulator: 'demo-shop', kind: 'http5xx', times: 2 });
    expect(book.pick('demo-shop', '/a')?.id).toBe(rule.id);
    expect(book.list()[0]?.times).toBe(1);
    expect(book.pick('demo-shop', '/a')?.id).toBe(rule.id);
    expect(book.pick('demo-shop', '/a')).toBeUndefined();
    expect(book.list()).toEqual([]);
  });

  it('keeps a rule without `times` until cleared', () => {
    const book = new FaultBook();
    book.add({ simulator: 'demo-shop', kind: 'rateLimit' });
    for (let i = 0; i < 5; i++) expect(book.pick('demo-shop', '/x')?.kind).toBe('rateLimit');
    expect(book.clear()).toBe(1);
    expect(book.pick('demo-shop', '/x')).toBeUndefined();
  });

  it('applies probability through the injected random function', () => {
    let roll = 0.7;
    const book = new FaultBook({ random: () => roll });
    book.add({ simulator: 'demo-shop', kind: 'http5xx', probability: 0.5, times: 1 });
    expect(book.pick('demo-shop', '/orders')).toBeUndefined();
    // A miss must not consume `times`.
    expect(book.list()[0]?.times).toBe(1);
    roll = 0.3;
    expect(book.pick('demo-shop', '/orders')?.kind).toBe('http5xx');
    expect(book.list()).toEqual([]);
  });

  it('treats probability 0 as never and 1 as always', () => {
    const book = new FaultBook({ random: () => 0.999 });
    book.add({ simulator: 's', kind: 'http5xx', probability: 0 });
    book.add({ simulator: 's', kind: 'slow', probability: 1 });
    expect(book.pick('s', '/')?.kind).toBe('slow');
  });

  it('matches pathPrefix on whole path segments', () => {
    const book = new FaultBook();
    book.add({ simulator: 'demo-shop', kind: 'http5xx', pathPrefix: '/orders' });
    expect(book.pick('demo-shop', '/orders')?.kind).toBe('http5xx');
    expect(book.pick('demo-shop', '/orders/123')?.kind).toBe('http5xx');
    expect(book.pick('demo-shop', '/ordersX')).toBeUndefined();
    expect(book.pick('demo-shop', '/refunds')).toBeUndefined();
  });

  it('uses the first matching rule in insertion order', () => {
    const book = new FaultBook();
    book.add({ simulator: 'demo-shop', kind: 'slow', pathPrefix: '/refunds' });
    book.add({ simulator: 'demo-shop', kind: 'malformed' });
    book.add({ simulator: 'demo-shop', kind: 'http5xx' });
    expect(book.pick('demo-shop', '/orders')?.kind).toBe('malformed');
    expect(book.pick('demo-shop', '/refunds')?.kind).toBe('slow');
  });

  it('removes one rule by id and lists per simulator without consuming', () => {
    const book = new FaultBook();
    const dup = book.add({ simulator: 'demo-shop', kind: 'duplicate', times: 1 });
    book.add({ simulator: 'other', kind: 'http5xx' });
    expect(book.activeFaults('demo-shop')).toEqual([dup]);
    expect(book.activeFaults('demo-shop')[0]?.times).toBe(1);
    expect(book.remove(dup.id)).toBe(true);
    expect(book.remove(dup.id)).toBe(false);
    expect(book.activeFaults('demo-shop')).toEqual([]);
    expect(book.list()).toHaveLength(1);
  });

  it('hands out copies so callers cannot change live counters', () => {
    const book = new FaultBook();
    book.add({ simulator: 's', kind: 'http5xx', times: 1 });
    const listed = book.list()[0];
    if (listed) listed.times = 99;
    book.pick('s', '/');
    expect(book.list()).toEqual([]);
  });

  it.each([
    [{ simulator: 'demo-shop', kind: 'explode' }, 'kind'],
    [{ kind: 'http5xx' }, 'simulator'],
    [{ simulator: 'demo-shop', kind: 'http5xx', probability: 2 }, 'probability'],
    [{ simulator: 'demo-shop', kind: 'http5xx', times: 0 }, 'times'],
    [{ simulator: 'demo-shop', kind: 'http5xx', status: 404 }, 'status'],
    [{ simulator: 'demo-shop', kind: 'slow', delayMs: -1 }, 'delayMs'],
    [{ simulator: 'demo-shop', kind: 'slow', pathPrefix: 'orders' }, 'pathPrefix'],
    [{ simulator: 'demo-shop', kind: 'slow', time: 3 }, 'time'],
    ['not an object', '规则'],
  ])('rejects a bad rule %j with a Chinese message naming %s', (input, field) => {
    const book = new FaultBook();
    let error: unknown;
    try {
      book.add(input);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FaultRuleError);
    const message = (error as Error).message;
    expect(message).toMatch(/^故障规则无效：/);
    expect(message).toContain(field);
    expect(message).toMatch(CHINESE);
    expect(book.list()).toEqual([]);
  });

  it('rejects a duplicate id', () => {
    const book = new FaultBook();
    book.add({ id: 'x', simulator: 's', kind: 'slow' });
    expect(() => book.add({ id: 'x', simulator: 's', kind: 'slow' })).toThrow(/已存在/);
  });
});
