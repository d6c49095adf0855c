import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { pipeline } from 'node:stream';
import { KeyDeskError } from '../../../../src-shared/contract/index.js';
import { decodeStream, detectEncoding, SAMPLE_BYTES, type TextEncoding } from './encoding.js';
import { detectFormat } from './sniff.js';
import type { FileFormat, ImportSource, ProgressMeter } from './types.js';

/** A source after the checks every reader needs: it exists, it is not empty, its format by content. */
export type OpenedSource =
  | { kind: 'file'; path: string; size: number; name: string; head: Buffer; format: FileFormat }
  | { kind: 'text'; text: string; name: string; format: FileFormat };

/** Characters of pasted text that stand in for a file's head (the same cut the import pipeline makes). */
const TEXT_HEAD_CHARS = 16_384;

function fileError(err: unknown, path: string): KeyDeskError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new KeyDeskError('NOT_FOUND', { path }, `找不到文件：${path}`);
  const wrapped = new KeyDeskError('IMPORT_CORRUPT_FILE', { path, reason: '无法读取文件' }, '文件无法打开：可能正被其他程序占用，或没有读取权限。');
  wrapped.cause = err;
  return wrapped;
}

export async function readFileHead(path: string, length = SAMPLE_BYTES): Promise<Buffer> {
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw fileError(err, path);
  }
}

export async function openSource(source: ImportSource): Promise<OpenedSource> {
  if ('text' in source) {
    const name = source.name ?? '粘贴的内容';
    return { kind: 'text', text: source.text, name, format: detectFormat(Buffer.from(source.text.slice(0, TEXT_HEAD_CHARS), 'utf8'), name) };
  }
  let size: number;
  try {
    const info = await stat(source.path);
    if (!info.isFile()) throw new KeyDeskError('IMPORT_NOT_SPREADSHEET', { path: source.path, reason: '不是文件' });
    size = info.size;
  } catch (err) {
    throw err instanceof KeyDeskError ? err : fileError(err, source.path);
  }
  if (size === 0) throw new KeyDeskError('IMPORT_EMPTY_FILE');
  const head = await readFileHead(source.path);
  const name = basename(source.path);
  return { kind: 'file', path: source.path, size, name, head, format: detectFormat(head, name) };
}

/** Text formats are one sheet, named after the file. */
export function sheetName(source: OpenedSource): string {
  return basename(source.name, extname(source.name)) || source.name;
}

/** A text source as decoded string chunks; the encoding is decided once from the head. */
export async function* textChunks(source: OpenedSource, meter: ProgressMeter): AsyncGenerator<string> {
  if (source.kind === 'text') {
    meter.total = source.text.length;
    for (let at = 0; at < source.text.length; at += SAMPLE_BYTES) {
      yield source.text.slice(at, at + SAMPLE_BYTES);
      meter.done = Math.min(source.text.length, at + SAMPLE_BYTES);
    }
    return;
  }
  meter.total = source.size;
  const encoding: TextEncoding = detectEncoding(source.head, source.head.length >= source.size);
  const raw = createReadStream(source.path);
  raw.on('data', (chunk) => {
    meter.done += chunk.length;
  });
  const decoded = decodeStream(encoding);
  // pipeline: stopping early (preview) or an error on either side closes the file.
  pipeline(raw, decoded, () => {});
  try {
    for await (const chunk of decoded) yield typeof chunk === 'string' ? chunk : String(chunk);
  } catch (err) {
    throw fileError(err, source.path);
  } finally {
    decoded.destroy();
  }
}
