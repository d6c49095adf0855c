import { KeyDeskError } from '../../../../src-shared/contract/index.js';
import { textFileCell, trimRow } from './cells.js';
import { textChunks, type OpenedSource } from './source.js';
import { chooseTxtSplitter, splitTxtLine, type TxtSplitter } from './txt-split.js';
import type { ProgressMeter, RawRow } from './types.js';

/** Non-empty lines that decide the separator for the whole file. */
const SAMPLE_LINES = 200;
/** A "line" longer than this is not a key list (or has no line breaks at all); stop before it fills memory. */
const MAX_LINE_CHARS = 1_000_000;

interface Line {
  number: number;
  text: string;
}

/** Lines with their 1-based numbers; \r\n, \n and old-Mac \r all end a line, also across chunk boundaries. */
export async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<Line> {
  let pending = '';
  let number = 0;
  for await (const chunk of chunks) {
    pending += chunk;
    let start = 0;
    for (let i = 0; i < pending.length; i++) {
      const ch = pending.charCodeAt(i);
      if (ch !== 0x0a && ch !== 0x0d) continue;
      // A \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (ch === 0x0d && i === pending.length - 1) break;
      yield { number: ++number, text: pending.slice(start, i) };
      if (ch === 0x0d && pending.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
    }
    pending = pending.slice(start);
    if (pending.length > MAX_LINE_CHARS) throw new KeyDeskError('IMPORT_CORRUPT_FILE', { row: number + 1, reason: '单行内容过长' });
  }
  if (pending !== '') yield { number: ++number, text: pending.replace(/\r$/, '') };
}

function toRow(line: Line, splitter: TxtSplitter): RawRow | null {
  const cells = trimRow(splitTxtLine(line.text, splitter).map(textFileCell));
  return cells.length > 0 ? { row: line.number, cells } : null;
}

/**
 * One key per line, or a pair per line split the same way throughout the file (see txt-split.ts).
 * The first lines are held back only until the separator is decided.
 */
export async function* readTxtRows(source: OpenedSource, meter: ProgressMeter): AsyncGenerator<RawRow> {
  const all = lines(textChunks(source, meter));
  const held: Line[] = [];
  let nonEmpty = 0;
  // Manual next(): a for-await that breaks would close `all` before the rest is read.
  while (nonEmpty < SAMPLE_LINES) {
    const next = await all.next();
    if (next.done) break;
    held.push(next.value);
    if (next.value.text.trim() !== '') nonEmpty++;
  }
  const splitter = chooseTxtSplitter(held.map((l) => l.text)).choice;
  for (const line of held) {
    const row = toRow(line, splitter);
    if (row) yield row;
  }
  for await (const line of all) {
    const row = toRow(line, splitter);
    if (row) yield row;
  }
}
