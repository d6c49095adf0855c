import { describe, expect, it } from 'vitest';
import type { AlertKind } from '../../../src-shared/contract/index.js';
import { Throttle } from '../../../src-main/core/notify/throttle.js';

const MIN = 60_000;
const WINDOW = 5 * MIN;

type Step = { at: number; alert: [AlertKind, number] } | { at: number; tick: true };

/** Feeds the steps in order and lists every send as `time kind:ids`. */
function run(steps: Step[], windowMs = WINDOW): string[] {
  const throttle = new Throttle();
  const out: string[] = [];
  for (const step of steps) {
    const sends = 'alert' in step ? throttle.add(step.alert[0], step.alert[1], step.at, windowMs) : throttle.due(step.at, windowMs);
    for (const s of sends) out.push(`${step.at / MIN} ${s.kind}:${s.ids.join(',')}`);
  }
  return out;
}

const alert = (minute: number, kind: AlertKind, id: number): Step => ({ at: minute * MIN, alert: [kind, id] });
const tick = (minute: number): Step => ({ at: minute * MIN, tick: true });

describe('Throttle: per-kind throttling and grouping', () => {
  const cases: { name: string; steps: Step[]; sends: string[] }[] = [
    { name: 'a lone alert goes out at once', steps: [alert(0, 'out_of_stock', 1), tick(5)], sends: ['0 out_of_stock:1'] },
    {
      name: '10 alerts inside the window: 1 at once + 1 grouped at the window end',
      steps: [...Array.from({ length: 10 }, (_, i) => alert(i * 0.4, 'out_of_stock', i + 1)), tick(4.9), tick(5)],
      sends: ['0 out_of_stock:1', '5 out_of_stock:2,3,4,5,6,7,8,9,10'],
    },
    {
      name: 'kinds are throttled apart',
      steps: [alert(0, 'out_of_stock', 1), alert(1, 'topup_failed', 2), alert(2, 'out_of_stock', 3), alert(3, 'topup_failed', 4), tick(5), tick(6)],
      sends: ['0 out_of_stock:1', '1 topup_failed:2', '5 out_of_stock:3', '6 topup_failed:4'],
    },
    {
      name: 'after a quiet window the next alert goes out at once again',
      steps: [alert(0, 'sync_error', 1), tick(5), alert(7, 'sync_error', 2)],
      sends: ['0 sync_error:1', '7 sync_error:2'],
    },
    {
      name: 'an alert exactly at the window end is not held (the window has ended)',
      steps: [alert(0, 'sync_error', 1), alert(5, 'sync_error', 2)],
      sends: ['0 sync_error:1', '5 sync_error:2'],
    },
    {
      name: 'a grouped send opens the next window: alerts right after it wait for that one',
      steps: [alert(0, 'risk_hold', 1), alert(1, 'risk_hold', 2), tick(5), alert(6, 'risk_hold', 3), alert(7, 'risk_hold', 4), tick(9), tick(10), tick(15), alert(16, 'risk_hold', 5)],
      sends: ['0 risk_hold:1', '5 risk_hold:2', '10 risk_hold:3,4', '16 risk_hold:5'],
    },
    {
      name: 'a late timer: the overdue group goes out when the next alert arrives, and that alert waits',
      steps: [alert(0, 'restock', 1), alert(2, 'restock', 2), alert(8, 'restock', 3), tick(13)],
      sends: ['0 restock:1', '8 restock:2', '13 restock:3'],
    },
  ];
  it.each(cases)('$name', ({ steps, sends }) => {
    expect(run(steps)).toEqual(sends);
  });

  it('the window length is the one in force when the window opened', () => {
    const throttle = new Throttle();
    throttle.add('backup', 1, 0, 10 * MIN);
    throttle.add('backup', 2, MIN, 1 * MIN);
    expect(throttle.due(5 * MIN, 1 * MIN)).toEqual([]);
    expect(throttle.due(10 * MIN, 1 * MIN)).toEqual([{ kind: 'backup', ids: [2] }]);
  });

  it('alerts left waiting (restart, locked vault) are held into one send at the given time', () => {
    const throttle = new Throttle();
    throttle.hold('otp', [4, 5, 6], 0);
    expect(throttle.heldIds()).toEqual(new Set([4, 5, 6]));
    expect(throttle.nextDueAt()).toBe(0);
    expect(throttle.due(0, WINDOW)).toEqual([{ kind: 'otp', ids: [4, 5, 6] }]);
    // That send opened a window: the next one of the kind waits for it.
    expect(throttle.add('otp', 7, MIN, WINDOW)).toEqual([]);
    expect(throttle.nextDueAt()).toBe(WINDOW);
  });

  it('nextDueAt is the earliest window end, null with nothing open', () => {
    const throttle = new Throttle();
    expect(throttle.nextDueAt()).toBeNull();
    throttle.add('backup', 1, 3 * MIN, WINDOW);
    throttle.add('otp', 2, 1 * MIN, WINDOW);
    expect(throttle.nextDueAt()).toBe(6 * MIN);
    throttle.due(6 * MIN, WINDOW);
    throttle.due(8 * MIN, WINDOW);
    expect(throttle.nextDueAt()).toBeNull();
  });
});
