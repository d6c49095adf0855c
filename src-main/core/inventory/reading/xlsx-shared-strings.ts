import type { Readable } from 'node:stream';
import { MAX_CELL_CHARS } from './types.js';

const MAX_KEPT_CHARS = MAX_CELL_CHARS * 2;

export type SharedStringValue = string | null | { richText?: { text?: string | null }[] };

/**
 * The workbook's shared-string table, parsed only as far as the rows read so far need it. Excel numbers
 * shared strings in order of first use, so a 30-row preview of a million-row file parses a few dozen
 * strings instead of the whole table; a full read ends up holding all of them (Excel's design).
 */
export class SharedStrings {
  private readonly strings: string[] = [];
  private done = false;

  constructor(
    private readonly entries: AsyncIterator<{ index: number; text: SharedStringValue }> | null,
    private readonly stream: Readable | null,
  ) {
    if (!entries) this.done = true;
  }

  /** Already parsed: the string; otherwise undefined (then `text` parses on). Spares a million awaits. */
  loaded(index: number): string | undefined {
    return this.strings[index];
  }

  /** The string at `index`; '' for an index the table does not have (a damaged file, reported as empty). */
  async text(index: number): Promise<string> {
    while (!this.done && this.strings.length <= index) {
      const next = await this.entries!.next();
      if (next.done) this.done = true;
      // Kept no longer than a cell can usefully be (textCell cuts there too): a 50 MB string is not a key.
      else this.strings[next.value.index] = flatten(next.value.text).slice(0, MAX_KEPT_CHARS);
    }
    return this.strings[index] ?? '';
  }

  /** Stop parsing and release the file; safe to call twice. */
  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.entries?.return?.();
    }
    this.stream?.destroy();
  }
}

function flatten(text: SharedStringValue): string {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return (text.richText ?? []).map((run) => run.text ?? '').join('');
}
