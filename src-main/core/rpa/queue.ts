// The RPA run queue, without a browser: at most `concurrency` jobs at once, at most one task at a time per
// account (its browser profile can be open once), first come first served, and a job waiting for a busy
// account never holds up jobs of other accounts.

export class QueueClosedError extends Error {
  constructor() {
    super('自动化队列已关闭');
    this.name = 'QueueClosedError';
  }
}

export interface QueueOptions {
  /**
   * false = the task needs only its account, not one of the `concurrency` slots, and starts even while
   * the queue is paused. Used for the owner's own takeover window.
   */
  usesSlot?: boolean;
  /** Run before the account's other waiting tasks (the owner is waiting for it). */
  urgent?: boolean;
}

export interface QueueStats {
  /** Jobs holding a slot. */
  running: number;
  /** Jobs and takeovers waiting to start. */
  queued: number;
  /** The queue is paused: running jobs finish, no new job starts. */
  paused: boolean;
  /** Accounts with a task running now (a job or the owner's takeover window). */
  busyAccounts: string[];
}

interface Entry {
  account: string;
  usesSlot: boolean;
  start(): void;
  cancel(err: Error): void;
}

export class AccountQueue {
  private readonly waiting: Entry[] = [];
  private readonly busy = new Set<string>();
  private running = 0;
  private paused = false;
  private closed = false;

  constructor(private readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Runs `task` when its account and (unless `usesSlot: false`) a slot are free; settles with it. */
  run<T>(account: string, task: () => Promise<T>, options: QueueOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new QueueClosedError());
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = {
        account,
        usesSlot: options.usesSlot ?? true,
        start: () => {
          this.busy.add(account);
          if (entry.usesSlot) this.running++;
          // A task that throws synchronously still frees its account and slot.
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => {
              this.busy.delete(account);
              if (entry.usesSlot) this.running--;
              this.pump();
            });
        },
        cancel: reject,
      };
      if (options.urgent) this.waiting.unshift(entry);
      else this.waiting.push(entry);
      this.pump();
    });
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** Rejects every waiting task with QueueClosedError; running tasks are the caller's to stop. */
  close(): void {
    this.closed = true;
    for (const entry of this.waiting.splice(0)) entry.cancel(new QueueClosedError());
  }

  isBusy(account: string): boolean {
    return this.busy.has(account);
  }

  stats(): QueueStats {
    return { running: this.running, queued: this.waiting.length, paused: this.paused, busyAccounts: [...this.busy] };
  }

  private pump(): void {
    // Accounts that already have an earlier waiting task: later tasks of theirs keep their order.
    const passed = new Set<string>();
    for (let i = 0; i < this.waiting.length; ) {
      const entry = this.waiting[i]!;
      const slotFree = !entry.usesSlot || (!this.paused && this.running < this.concurrency);
      if (!this.busy.has(entry.account) && !passed.has(entry.account) && slotFree) {
        this.waiting.splice(i, 1);
        entry.start();
        continue;
      }
      passed.add(entry.account);
      i++;
    }
  }
}
