// Throttling and grouping per kind, as a pure state machine (no timers, no clock): the service feeds it
// alerts and the time, and it answers what to send. Rules:
//  - the first alert of a kind goes out at once and opens a window of `windowMs`;
//  - more of that kind inside the window are held;
//  - when the window ends, the held ones go out as ONE message, and that send opens the next window
//    (so a kind never sends more than one message per window); with nothing held the window just closes.
import type { AlertKind } from '../../../src-shared/contract/index.js';

export interface Send {
  kind: AlertKind;
  /** Alert ids in the order they arrived. */
  ids: number[];
}

interface Window {
  endsAt: number;
  held: number[];
}

export class Throttle {
  readonly #windows = new Map<AlertKind, Window>();

  /** One new alert. Answers what goes out now: possibly an overdue group, and/or this alert alone. */
  add(kind: AlertKind, id: number, now: number, windowMs: number): Send[] {
    const sends = this.#closeIfDue(kind, now, windowMs);
    const open = this.#windows.get(kind);
    if (open) {
      open.held.push(id);
      return sends;
    }
    this.#windows.set(kind, { endsAt: now + windowMs, held: [] });
    return [...sends, { kind, ids: [id] }];
  }

  /** Alerts that must go out together at the next window end of their kind (waiting since before a restart or a lock). */
  hold(kind: AlertKind, ids: number[], endsAt: number): void {
    const open = this.#windows.get(kind);
    if (open) open.held.push(...ids);
    else this.#windows.set(kind, { endsAt, held: [...ids] });
  }

  /** Every window that has ended: its held alerts as one send each. */
  due(now: number, windowMs: number): Send[] {
    return [...this.#windows.keys()].flatMap((kind) => this.#closeIfDue(kind, now, windowMs));
  }

  /** When `due` next has something to do, or null when no window is open. */
  nextDueAt(): number | null {
    let next: number | null = null;
    for (const w of this.#windows.values()) if (next === null || w.endsAt < next) next = w.endsAt;
    return next;
  }

  heldIds(): Set<number> {
    return new Set([...this.#windows.values()].flatMap((w) => w.held));
  }

  clear(): void {
    this.#windows.clear();
  }

  #closeIfDue(kind: AlertKind, now: number, windowMs: number): Send[] {
    const w = this.#windows.get(kind);
    if (!w || now < w.endsAt) return [];
    if (w.held.length === 0) {
      this.#windows.delete(kind);
      return [];
    }
    this.#windows.set(kind, { endsAt: now + windowMs, held: [] });
    return [{ kind, ids: w.held }];
  }
}
