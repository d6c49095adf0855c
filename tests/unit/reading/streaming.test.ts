import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readRows } from '../../../src-main/core/inventory/reading/index.js';
import { failure, tempDir } from './helpers.js';

const ROWS = 200_000;
let path: string;

/** Written the way a supplier's Node back-end would: streaming writer, shared strings written after the sheet. */
beforeAll(async () => {
  path = join(tempDir(), 'big.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('卡密');
  ws.addRow(['卡号', '卡密', '备注']).commit();
  for (let i = 1; i <= ROWS; i++) ws.addRow([`C${i}`, `SEC-${i}`, `中文备注第${i}行`]).commit();
  ws.commit();
  await wb.commit();
}, 120_000); // project config sets no hook timeout; writing 200k rows takes several seconds on a busy machine

const openFds = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);

describe('streaming a large xlsx', () => {
  it('delivers every row in chunks, the first long before the sheet is read, with Chinese intact', async () => {
    const progress: [number, number][] = [];
    let count = 0, chunks = 0, maxChunk = 0;
    let progressAtFirstChunk: [number, number] | undefined;
    let badRow: number | undefined;
    for await (const chunk of readRows({ path }, { onProgress: (done, total) => progress.push([done, total]) })) {
      progressAtFirstChunk ??= progress.at(-1);
      chunks++;
      maxChunk = Math.max(maxChunk, chunk.length);
      for (const row of chunk) {
        count++;
        // Every data row exactly as written: a character split between two inflated chunks must not turn into U+FFFD.
        if (row.row > 1 && (row.cells[0]?.text !== `C${row.row - 1}` || row.cells[2]?.text !== `中文备注第${row.row - 1}行`)) badRow ??= row.row;
      }
    }
    expect(count).toBe(ROWS + 1);
    expect(badRow).toBeUndefined();
    expect(maxChunk).toBe(2000);
    expect(chunks).toBe(Math.ceil((ROWS + 1) / 2000));
    // Incremental: when the first chunk arrived only a small part of the sheet had been read from disk.
    const [firstDone, total] = progressAtFirstChunk!;
    expect(total).toBeGreaterThan(0);
    expect(firstDone).toBeLessThan(total / 4);
    expect(progress.at(-1)![0]).toBe(total);
    expect(progress.every(([d], i) => i === 0 || d >= progress[i - 1]![0])).toBe(true);
  });

  it('stops cheaply after a preview and leaves no file open', async () => {
    const before = openFds();
    for (let i = 0; i < 5; i++) {
      for await (const chunk of readRows({ path }, { chunkRows: 30 })) {
        expect(chunk.map((r) => r.row)).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
        break;
      }
    }
    for (let wait = 0; wait < 40 && openFds() > before; wait++) await sleep(25);
    expect(openFds()).toBeLessThanOrEqual(before);
  });

  it('ends with IMPORT_CANCELLED at the next chunk once the signal is aborted', async () => {
    const controller = new AbortController();
    let seen = 0;
    const err = await failure(async () => {
      for await (const chunk of readRows({ path }, { signal: controller.signal })) {
        seen += chunk.length;
        if (seen >= 4000) controller.abort();
      }
    });
    expect(err.code).toBe('IMPORT_CANCELLED');
    expect(seen).toBe(4000);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await failure(() => readRows({ path }, { signal: controller.signal })[Symbol.asyncIterator]().next())).code).toBe('IMPORT_CANCELLED');
  });
});
