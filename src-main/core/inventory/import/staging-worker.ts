import { parentPort, workerData } from 'node:worker_threads';
import { decodeRows } from './row-codec.js';
import { judgeRow, type Mapping } from './row-rules.js';
import { Staging, type JudgedRow, type StagingCounts, type StagingKeys } from './staging.js';

/**
 * The second half of the import pipeline, on its own thread: judge each row, seal it, stage it. The
 * main thread keeps reading the file meanwhile, so parsing and sealing overlap on two cores.
 */
export interface StagingWorkerData {
  path: string;
  keys: StagingKeys;
  mapping: Mapping;
  headerRow: number | null;
  ctx: { now: number; batchExpiresAt: number | null };
}

/** `rows` is a chunk in row-codec form. */
export type ToStagingWorker = { type: 'rows'; rows: string } | { type: 'finish' };
export type FromStagingWorker =
  | { type: 'ack'; dataRows: number }
  | { type: 'finished'; counts: StagingCounts; dataRows: number }
  | { type: 'error'; message: string; code?: string; details?: unknown };

const data = workerData as StagingWorkerData;
const port = parentPort!;
const staging = new Staging(data.path, data.keys);
let dataRows = 0;

port.on('message', (message: ToStagingWorker) => {
  try {
    if (message.type === 'rows') {
      const judged: JudgedRow[] = [];
      for (const raw of decodeRows(message.rows)) {
        if (data.headerRow !== null && raw.row <= data.headerRow) continue;
        const verdict = judgeRow(raw, data.mapping, data.ctx);
        if (verdict.kind === 'skip') continue;
        dataRows++;
        judged.push(verdict);
      }
      staging.addChunk(judged);
      port.postMessage({ type: 'ack', dataRows } satisfies FromStagingWorker);
    } else {
      port.postMessage({ type: 'finished', counts: staging.finish(), dataRows } satisfies FromStagingWorker);
    }
  } catch (err) {
    const e = err as { message: string; code?: string; details?: unknown };
    port.postMessage({ type: 'error', message: e.message, ...(e.code && { code: e.code }), details: e.details } satisfies FromStagingWorker);
  }
});
