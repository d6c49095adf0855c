import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { KeyDeskError, type ErrorCode } from '../../../../src-shared/contract/index.js';
import { spawnWorker } from '../../jobs/spawn-worker.js';
import type { RawRow } from '../reading/index.js';
import type { StagingCounts } from './staging.js';
import { encodeRows } from './row-codec.js';
import type { FromStagingWorker, StagingWorkerData, ToStagingWorker } from './staging-worker.js';

/** Chunks allowed in flight: enough to keep the worker busy, few enough to keep memory flat. */
const MAX_IN_FLIGHT = 4;

/** The main thread's handle on the staging worker, with backpressure and typed errors. */
export class StagingPipe {
  private readonly worker: Worker;
  private inFlight = 0;
  private failure: KeyDeskError | Error | undefined;
  private waiting: (() => void) | undefined;
  private finished: { counts: StagingCounts; dataRows: number } | undefined;
  private readonly exited: Promise<unknown>;
  dataRows = 0;

  constructor(data: StagingWorkerData) {
    this.worker = spawnWorker(import.meta.url, 'staging-worker', data);
    this.exited = once(this.worker, 'exit').catch(() => undefined);
    this.worker.on('message', (m: FromStagingWorker) => {
      if (m.type === 'ack') {
        this.inFlight--;
        this.dataRows = m.dataRows;
      } else if (m.type === 'finished') {
        this.finished = { counts: m.counts, dataRows: m.dataRows };
      } else {
        this.failure = m.code ? new KeyDeskError(m.code as ErrorCode, m.details) : new Error(m.message);
      }
      this.wake();
    });
    this.worker.on('error', (err) => {
      this.failure = err;
      this.wake();
    });
    this.worker.on('exit', () => {
      this.failure ??= this.finished ? undefined : new Error('staging worker exited early');
      this.wake();
    });
  }

  async send(rows: RawRow[]): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT && !this.failure) await this.next();
    if (this.failure) throw this.failure;
    this.inFlight++;
    this.worker.postMessage({ type: 'rows', rows: encodeRows(rows) } satisfies ToStagingWorker);
  }

  async finish(): Promise<{ counts: StagingCounts; dataRows: number }> {
    this.worker.postMessage({ type: 'finish' } satisfies ToStagingWorker);
    while (!this.finished && !this.failure) await this.next();
    if (this.failure) throw this.failure;
    await this.stop();
    return this.finished!;
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
    await this.exited;
  }

  private next(): Promise<void> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.();
  }
}
