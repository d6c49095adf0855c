import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { corruptFile } from './errors.js';

/**
 * Random access into a zip (xlsx) through its central directory. A streaming unzip sees parts in file
 * order, and Excel writes the shared strings *after* the sheets — exceljs then copies every sheet to a
 * temp file before the first row. Reading the directory lets us take the parts in the order we need and
 * stream only the chosen sheet, straight from the file. A missing directory = a truncated download.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  path: string;
  entries: Map<string, ZipEntry>;
}

const EOCD = 0x06054b50, ZIP64_LOCATOR = 0x07064b50, ZIP64_EOCD = 0x06064b50, CENTRAL = 0x02014b50, LOCAL = 0x04034b50;

const corrupt = corruptFile;

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, position);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function openZip(path: string, fileSize: number): Promise<ZipArchive> {
  const tailLength = Math.min(fileSize, 22 + 0xffff + 20);
  const tailStart = fileSize - tailLength;
  const tail = await readAt(path, tailStart, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) { at = i; break; }
  }
  if (at < 0) throw corrupt('找不到压缩目录，文件不完整');
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const rec = await readAt(path, Number(tail.readBigUInt64LE(at - 12)), 56);
    if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw corrupt('压缩目录损坏');
    count = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > fileSize) throw corrupt('压缩目录超出文件末尾，文件不完整');
  const cd = await readAt(path, cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw corrupt('压缩目录损坏');
    const flags = cd.readUInt16LE(p + 8);
    const nameLength = cd.readUInt16LE(p + 28), extraLength = cd.readUInt16LE(p + 30), commentLength = cd.readUInt16LE(p + 32);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLength);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    // Zip64: a 0xFFFFFFFF field is carried in extra field 0x0001, in this order, only when overflowed.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e), size = cd.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (uncompressedSize === 0xffffffff) { uncompressedSize = Number(cd.readBigUInt64LE(q)); q += 8; }
        if (compressedSize === 0xffffffff) { compressedSize = Number(cd.readBigUInt64LE(q)); q += 8; }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.readBigUInt64LE(q));
      }
      e += 4 + size;
    }
    entries.set(name, { name, method: cd.readUInt16LE(p + 10), flags, compressedSize, localHeaderOffset });
    p = extraEnd + commentLength;
  }
  return { path, entries };
}

/** The entry's decompressed bytes as a stream; errors (truncated data, bad deflate) surface on it. */
export async function openEntry(zip: ZipArchive, entry: ZipEntry, onBytes?: (n: number) => void): Promise<Readable> {
  if (entry.flags & 0x1) throw corrupt('压缩包内容被加密');
  if (entry.method !== 0 && entry.method !== 8) throw corrupt('不支持的压缩方式');
  const local = await readAt(zip.path, entry.localHeaderOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw corrupt('压缩包内容损坏');
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.compressedSize === 0) return PassThrough.from([]) as Readable;
  const raw = createReadStream(zip.path, { start, end: start + entry.compressedSize - 1 });
  if (onBytes) raw.on('data', (chunk) => onBytes(chunk.length));
  const out = entry.method === 8 ? createInflateRaw() : new PassThrough();
  // pipeline: an error or an early destroy on either side tears down both, so no file handle is left open.
  pipeline(raw, out, () => {});
  return out;
}

export async function entryText(zip: ZipArchive, name: string): Promise<string | null> {
  const entry = zip.entries.get(name);
  if (!entry) return null;
  const stream = await openEntry(zip, entry);
  stream.setEncoding('utf8');
  let text = '';
  for await (const chunk of stream) text += chunk as string;
  return text;
}
