import { chooseTxtSplitter, modalScore, type Scored } from './txt-split.js';

/** Up to this many non-empty lines decide a text file's shape. */
const SAMPLE_LINES = 200;

export type CsvDelimiter = ',' | '\t' | ';';

/** The sample's lines; when the sample is only the head of the file, its cut-off last line is dropped. */
export function sampleLines(text: string, complete: boolean): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (!complete && lines.length > 1) lines.pop();
  return lines.filter((l) => l.trim() !== '').slice(0, SAMPLE_LINES);
}

/** Fields in one line, ignoring delimiters inside "quoted" fields. */
function countFields(line: string, delimiter: string): number {
  let count = 1, quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count++;
  }
  return count;
}

export function chooseCsvDelimiter(lines: string[]): Scored<CsvDelimiter> {
  let best: Scored<CsvDelimiter> = { choice: ',', score: 0 };
  for (const delimiter of [',', '\t', ';'] as const) {
    const score = modalScore(lines.map((l) => countFields(l, delimiter)));
    if (score > best.score) best = { choice: delimiter, score };
  }
  return best;
}

/**
 * csv or txt, by content. csv = columns with one consistent comma/tab/semicolon; txt = the trade's own
 * layouts (----, |, 卡号:… labels, spaces) or one key per line. The extension only settles a sample
 * that fits neither, e.g. a single column.
 */
export function classifyText(lines: string[], fileName?: string): 'csv' | 'txt' {
  const half = lines.length / 2;
  const csv = chooseCsvDelimiter(lines);
  const txt = chooseTxtSplitter(lines);
  const kind = txt.choice.kind;
  const txtOnly = kind === 'labels' || kind === 'dashes' || kind === 'pipe';
  if (lines.length > 0 && txtOnly && txt.score >= half && txt.score >= csv.score) return 'txt';
  if (lines.length > 0 && csv.score >= half) return 'csv';
  if (lines.length > 0 && kind !== 'none') return 'txt';
  return /\.csv$/i.test(fileName ?? '') ? 'csv' : 'txt';
}
