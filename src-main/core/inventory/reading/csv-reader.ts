import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { KeyDeskError } from '../../../../src-shared/contract/index.js';
import { textFileCell, trimRow } from './cells.js';
import { corruptFile } from './errors.js';
import { chooseCsvDelimiter, sampleLines } from './text-shape.js';
import { textChunks, type OpenedSource } from './source.js';
import type { ProgressMeter, RawRow } from './types.js';

/** One record may not grow past this: an unclosed quote would otherwise swallow the rest of the file into memory. */
const MAX_RECORD_CHARS = 1_000_000;
const SAMPLE_CHARS = 16_384;

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * CSV as Excel (any locale) and WPS write it. Row numbers are the record's first line, as the merchant
 * finds it in a text editor; a quoted field spanning lines keeps the row number where it starts.
 */
export async function* readCsvRows(source: OpenedSource, meter: ProgressMeter): AsyncGenerator<RawRow> {
  const chunks = textChunks(source, meter);
  // Enough text to vote on the delimiter (a decoder may hand over a tiny or empty first chunk).
  let sample = '';
  while (sample.length < SAMPLE_CHARS) {
    const next = await chunks.next();
    if (next.done) break;
    sample += next.value;
  }
  if (sample === '') return;
  const delimiter = chooseCsvDelimiter(sampleLines(sample, false)).choice;
  // Where the parser (not our consumer, which may lag behind its buffer) finished its last good record:
  // a broken record starts on the next line.
  let parsedTo = 0;
  const parser = parse({
    on_record: (record: string[], context: { lines: number }) => {
      parsedTo = context.lines;
      return record;
    },
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true, // notes columns come and go; short rows are the pipeline's business
    relax_quotes: true, // a stray " inside an unquoted field is text, as Excel reads it
    skip_empty_lines: false, // keeps line numbers true; blank rows are dropped below
    max_record_size: MAX_RECORD_CHARS,
  });
  // yield* (not a manual loop) so destroying `input` closes `chunks`, and with it the file.
  const input = Readable.from((async function* () {
    yield sample;
    yield* chunks;
  })());
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let lastLine = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
      const row = lastLine + 1;
      lastLine = info.lines;
      const cells = trimRow(record.map(textFileCell));
      if (cells.length > 0) yield { row, cells };
    }
  } catch (err) {
    if (err instanceof KeyDeskError) throw err;
    const code = (err as Partial<CsvError>).code;
    const row = parsedTo + 1;
    // Only an open quote lets a record run over several lines; a record that grew too big over many lines is one.
    const spansLines = ((err as { lines?: number }).lines ?? row) > row;
    if (code === 'CSV_QUOTE_NOT_CLOSED' || (code === 'CSV_MAX_RECORD_SIZE' && spansLines)) {
      throw new KeyDeskError('IMPORT_CORRUPT_FILE', { row, reason: '引号不成对' }, `第 ${row} 行的引号不成对（有开始的 " 没有结束的 "），文件无法继续读取。请修正该行后重试。`);
    }
    if (code === 'CSV_MAX_RECORD_SIZE') throw new KeyDeskError('IMPORT_CORRUPT_FILE', { row, reason: '单行内容过长' });
    throw corruptFile('CSV 内容无法解析', err);
  } finally {
    input.destroy();
    parser.destroy();
  }
}
