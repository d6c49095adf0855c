// Sealing and opening the database inside a .kdbak, streamed in 1 MB chunks so a large database never sits
// in memory and the event loop keeps turning between chunks.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import { IV_BYTES, TAG_BYTES, type ReadHeader } from './format.js';

const CHUNK = 1024 * 1024;

/**
 * The body key: HKDF over the installation's audit key (stable for its whole life, never rotated, and
 * wrapped by the KEK like every vault key) with a per-file salt, under its own label.
 */
export function bodyKey(auditKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', auditKey, salt, 'keydesk backup v1', 32));
}

/**
 * Writes header + sealed database to `target` (created new: never overwrites), fsynced before it returns.
 * `onProgress` gets the fraction of the database written.
 */
export async function writeSealed(target: string, headerBytes: Buffer, databaseFile: string, key: Buffer, onProgress: (fraction: number) => void): Promise<number> {
  const total = (await stat(databaseFile)).size;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(headerBytes);
  const out = await open(target, 'wx');
  try {
    await out.write(headerBytes);
    await out.write(iv);
    let done = 0;
    for await (const chunk of createReadStream(databaseFile, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
      await out.write(cipher.update(chunk));
      done += chunk.length;
      onProgress(total === 0 ? 1 : done / total);
    }
    const tail = cipher.final();
    if (tail.length) await out.write(tail);
    await out.write(cipher.getAuthTag());
    await out.sync();
    return headerBytes.length + IV_BYTES + done + TAG_BYTES;
  } finally {
    await out.close();
  }
}

/**
 * Opens the body into `target` (created new). GCM releases plaintext before the tag is checked, so the
 * caller must treat `target` as garbage unless this resolves: it throws BACKUP_CORRUPT on any mismatch.
 */
export async function openSealed(path: string, read: ReadHeader, key: Buffer, target: string, onProgress: (fraction: number) => void): Promise<void> {
  const bodyStart = read.headerBytes.length + IV_BYTES;
  const bodyBytes = read.header.bodyBytes;
  const src = await open(path, 'r');
  let iv: Buffer;
  let tag: Buffer;
  try {
    iv = Buffer.alloc(IV_BYTES);
    tag = Buffer.alloc(TAG_BYTES);
    await src.read(iv, 0, IV_BYTES, read.headerBytes.length);
    await src.read(tag, 0, TAG_BYTES, bodyStart + bodyBytes);
  } finally {
    await src.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(read.headerBytes);
  decipher.setAuthTag(tag);
  const out = await open(target, 'wx');
  try {
    let done = 0;
    if (bodyBytes > 0) {
      const stream = createReadStream(path, { start: bodyStart, end: bodyStart + bodyBytes - 1, highWaterMark: CHUNK }) as AsyncIterable<Buffer>;
      for await (const chunk of stream) {
        await out.write(decipher.update(chunk));
        done += chunk.length;
        onProgress(done / bodyBytes);
      }
    }
    if (done !== bodyBytes) throw new KeyDeskError('BACKUP_TRUNCATED', { file: basename(path) });
    try {
      const tail = decipher.final();
      if (tail.length) await out.write(tail);
    } catch {
      throw new KeyDeskError('BACKUP_CORRUPT', { file: basename(path), reason: 'authentication' });
    }
    await out.sync();
  } finally {
    await out.close();
  }
}
