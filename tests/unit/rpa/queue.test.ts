import { describe, expect, it } from 'vitest';
import { AccountQueue, QueueClosedError } from '../../../src-main/core/rpa/queue.js';

/** A task the test finishes by hand, recording when it started. */
function gate(log: string[], name: string) {
  let finish: () => void = () => undefined;
  let fail: (err: Error) => void = () => undefined;
  const task = () =>
    new Promise<string>((resolve, reject) => {
      log.push(name);
      finish = () => resolve(name);
      fail = reject;
    });
  return { task, finish: () => finish(), fail: (err: Error) => fail(err) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('AccountQueue', () => {
  it('runs at most `concurrency` tasks at once, first come first served', async () => {
    const q = new AccountQueue(2);
    const started: string[] = [];
    const [a, b, c] = [gate(started, 'a'), gate(started, 'b'), gate(started, 'c')];
    const done = [q.run('acc-a', a.task), q.run('acc-b', b.task), q.run('acc-c', c.task)];
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect(q.stats()).toMatchObject({ running: 2, queued: 1 });
    b.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    a.finish();
    c.finish();
    expect(await Promise.all(done)).toEqual(['a', 'b', 'c']);
    expect(q.stats()).toMatchObject({ running: 0, queued: 0, busyAccounts: [] });
  });

  it('never runs two tasks of one account at once, in order, while other accounts go ahead', async () => {
    const q = new AccountQueue(3);
    const started: string[] = [];
    const a1 = gate(started, 'a1');
    const a2 = gate(started, 'a2');
    const a3 = gate(started, 'a3');
    const b1 = gate(started, 'b1');
    void q.run('a', a1.task);
    const second = q.run('a', a2.task);
    void q.run('a', a3.task);
    void q.run('b', b1.task);
    await settle();
    // b1 is not held up behind a2/a3, which wait for their account.
    expect(started).toEqual(['a1', 'b1']);
    a1.finish();
    await settle();
    expect(started).toEqual(['a1', 'b1', 'a2']);
    a2.fail(new Error('boom'));
    await expect(second).rejects.toThrow('boom');
    await settle();
    expect(started).toEqual(['a1', 'b1', 'a2', 'a3']);
    a3.finish();
    b1.finish();
  });

  it('frees the account and the slot when a task fails or throws synchronously', async () => {
    const q = new AccountQueue(1);
    await expect(q.run('a', () => { throw new Error('sync'); })).rejects.toThrow('sync');
    await expect(q.run('a', () => Promise.reject(new Error('async')))).rejects.toThrow('async');
    expect(await q.run('a', async () => 'ok')).toBe('ok');
  });

  it('pause stops new starts, running tasks finish; resume continues', async () => {
    const q = new AccountQueue(2);
    const started: string[] = [];
    const a = gate(started, 'a');
    const b = gate(started, 'b');
    void q.run('a', a.task);
    await settle();
    q.pause();
    void q.run('b', b.task);
    await settle();
    expect(started).toEqual(['a']);
    expect(q.stats()).toMatchObject({ paused: true, running: 1, queued: 1 });
    a.finish();
    await settle();
    expect(started).toEqual(['a']);
    q.resume();
    await settle();
    expect(started).toEqual(['a', 'b']);
    b.finish();
  });

  it('a slot-free urgent task (the owner takeover) waits only for its account, jumps its queue, ignores pause', async () => {
    const q = new AccountQueue(1);
    const started: string[] = [];
    const job1 = gate(started, 'job1');
    const job2 = gate(started, 'job2');
    const owner = gate(started, 'owner');
    const other = gate(started, 'other');
    void q.run('a', job1.task);
    void q.run('a', job2.task);
    void q.run('b', other.task);
    q.pause();
    void q.run('a', owner.task, { usesSlot: false, urgent: true });
    await settle();
    expect(started).toEqual(['job1']);
    job1.finish();
    await settle();
    expect(started).toEqual(['job1', 'owner']);
    expect(q.stats()).toMatchObject({ running: 0, busyAccounts: ['a'] });
    owner.finish();
    await settle();
    q.resume();
    await settle();
    expect(started).toEqual(['job1', 'owner', 'job2']);
    job2.finish();
    await settle();
    expect(started).toEqual(['job1', 'owner', 'job2', 'other']);
    other.finish();
  });

  it('close rejects waiting tasks and refuses new ones; running ones settle on their own', async () => {
    const q = new AccountQueue(1);
    const started: string[] = [];
    const a = gate(started, 'a');
    const running = q.run('a', a.task);
    const waiting = q.run('b', async () => 'never');
    await settle();
    q.close();
    await expect(waiting).rejects.toBeInstanceOf(QueueClosedError);
    await expect(q.run('c', async () => 'late')).rejects.toBeInstanceOf(QueueClosedError);
    a.finish();
    expect(await running).toBe('a');
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() => new AccountQueue(0)).toThrow(RangeError);
    expect(() => new AccountQueue(1.5)).toThrow(RangeError);
  });
});
