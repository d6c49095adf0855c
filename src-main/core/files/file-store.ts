import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import type { Clock } from '../clock.js';

const DAY_MS = 86_400_000;
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * Files passing through KeyDesk: supplier sheets uploaded for import (plaintext keys, so they are
 * deleted as soon as the import ends and swept at start), and exports waiting to be downloaded.
 */
export class FileStore {
  readonly uploadsDir: string;
  readonly exportsDir: string;
  readonly tmpDir: string;
  private readonly downloads = new Map<string, { path: string; fileName: string }>();

  constructor(dataDir: string, private readonly clock: Clock) {
    this.uploadsDir = join(dataDir, 'uploads');
    this.exportsDir = join(dataDir, 'exports');
    this.tmpDir = join(dataDir, 'tmp');
    for (const d of [this.uploadsDir, this.exportsDir, this.tmpDir]) mkdirSync(d, { recursive: true });
  }

  /**
   * At start: staging files of imports whose process is gone (a crash), and uploads/exports older than
   * a day. Another process on the same folder (the window, plus a CLI command) keeps its files.
   */
  sweep(): void {
    for (const f of readdirSync(this.tmpDir)) {
      const owner = Number(/^p(\d+)-/.exec(f)?.[1]);
      if (owner && processAlive(owner)) continue;
      removeQuietly(join(this.tmpDir, f));
    }
    for (const dir of [this.uploadsDir, this.exportsDir]) {
      for (const f of readdirSync(dir)) {
        const full = join(dir, f);
        if (this.clock.now() - statSync(full).mtimeMs > DAY_MS) removeQuietly(full);
      }
    }
  }

  async saveUpload(stream: Readable, fileName: string, limit = MAX_UPLOAD_BYTES): Promise<{ uploadId: string; size: number }> {
    const uploadId = randomUUID();
    const path = join(this.uploadsDir, uploadId);
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        done(size > limit ? new KeyDeskError('IMPORT_FILE_TOO_LARGE', { limitBytes: limit }) : null, chunk);
      },
    });
    try {
      await pipeline(stream, counter, createWriteStream(path));
    } catch (err) {
      rmSync(path, { force: true });
      throw err;
    }
    writeFileSync(path + '.json', JSON.stringify({ fileName: fileName.slice(0, 200) }));
    return { uploadId, size };
  }

  upload(uploadId: string): { path: string; fileName: string } {
    const path = join(this.uploadsDir, uploadId);
    if (!/^[\w-]+$/.test(uploadId) || !existsSync(path)) throw new KeyDeskError('NOT_FOUND', { uploadId }, '上传的文件已过期或不存在，请重新选择文件。');
    const meta = JSON.parse(readFileSync(path + '.json', 'utf8')) as { fileName: string };
    return { path, fileName: meta.fileName };
  }

  removeUpload(uploadId: string): void {
    rmSync(join(this.uploadsDir, uploadId), { force: true });
    rmSync(join(this.uploadsDir, uploadId + '.json'), { force: true });
  }

  /** A new path under exports/ for a file the owner will download; returns its download id. */
  newExport(fileName: string): { downloadId: string; path: string } {
    const downloadId = randomUUID();
    const path = join(this.exportsDir, downloadId);
    this.downloads.set(downloadId, { path, fileName });
    return { downloadId, path };
  }

  download(downloadId: string): { path: string; fileName: string } {
    const d = this.downloads.get(downloadId);
    if (!d || !existsSync(d.path)) throw new KeyDeskError('NOT_FOUND', { downloadId }, '下载已过期，请重新导出。');
    return d;
  }

  /** A scratch file owned by this process (the prefix lets a sweep tell a live owner from a crashed one). */
  tmpPath(name: string): string {
    return join(this.tmpDir, `p${process.pid}-${name}`);
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A file still open elsewhere cannot be removed on Windows; it is simply tried again next start. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // left for the next sweep
  }
}
