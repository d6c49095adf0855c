// The .kdbak file: a fixed prefix, a JSON header anyone can read (what the backup holds, and the vault's
// WRAPPED keys so it opens on a new computer with the passphrase or recovery key), then the SQLite file
// sealed with AES-256-GCM, the prefix + header as its AAD:
//
//   "KDBAK\0" | format u16 BE | header length u32 BE | header JSON | iv (12) | ciphertext | tag (16)
//
// Every length is known from the header, so a cut file is named "truncated" before any key is asked.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import { migrations } from '../db/migrations.generated.js';

export const MAGIC = Buffer.from('KDBAK\0', 'latin1');
export const FORMAT_VERSION = 1;
export const PREFIX_BYTES = MAGIC.length + 2 + 4;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const BACKUP_EXT = '.kdbak';
const MAX_HEADER_BYTES = 1024 * 1024;

const count = z.number().int().min(0);
export const backupHeader = z.object({
  installationId: z.string().min(1),
  appVersion: z.string(),
  createdAt: z.number().int(),
  /** The database's migration count (user_version): a newer one than this app knows is refused. */
  schemaVersion: z.number().int().min(0),
  counts: z.object({ products: count, keys: count, orders: count, orderLines: count, auditEntries: count }),
  auditHead: z.object({ seq: z.number().int(), mac: z.string() }).nullable(),
  vault: z.object({
    /** The vault_unlockers rows (each seals the KEK; the keychain marker holds nothing secret). */
    unlockers: z.array(z.object({ kind: z.enum(['passphrase', 'recovery', 'os-keychain']), sealed: z.string() })),
    /** The audit key, wrapped by the KEK: the body key is derived from it. */
    auditKey: z.object({ version: z.number().int(), wrapped: z.string() }),
  }),
  /** HKDF salt for this file's body key (base64, 16 bytes). */
  salt: z.string(),
  /** Length of the plaintext database, which is also the ciphertext's length (GCM). */
  bodyBytes: count,
});
export type BackupHeader = z.infer<typeof backupHeader>;

/** Prefix + header bytes: written first, and the AAD that binds the header to the body. */
export function encodeHeader(header: BackupHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const fixed = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt16BE(FORMAT_VERSION, MAGIC.length);
  fixed.writeUInt32BE(json.length, MAGIC.length + 2);
  return Buffer.concat([fixed, json]);
}

export interface ReadHeader {
  header: BackupHeader;
  /** The AAD: everything before the IV. */
  headerBytes: Buffer;
  fileBytes: number;
}

export function expectedFileBytes(headerBytesLength: number, bodyBytes: number): number {
  return headerBytesLength + IV_BYTES + bodyBytes + TAG_BYTES;
}

/**
 * Reads and checks a backup's header without any key: refuses a file that is not a backup, was cut short,
 * has bytes added, or comes from a newer KeyDesk. `details.file` names the file in every error.
 */
export function readBackupHeader(path: string): ReadHeader {
  const file = basename(path);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new KeyDeskError('NOT_FOUND', { file, path }, code === 'ENOENT' ? `找不到备份文件：${path}` : `无法读取备份文件：${path}（${code ?? '未知原因'}）`);
  }
  try {
    const stat = fstatSync(fd);
    const size = stat.size;
    if (stat.isDirectory()) throw new KeyDeskError('BACKUP_NOT_A_BACKUP', { file });
    const fixed = readAt(fd, 0, Math.min(size, PREFIX_BYTES));
    const magicSeen = fixed.subarray(0, MAGIC.length);
    if (size === 0 && file.toLowerCase().endsWith(BACKUP_EXT)) throw new KeyDeskError('BACKUP_TRUNCATED', { file, bytes: 0 });
    if (magicSeen.length === 0 || !MAGIC.subarray(0, magicSeen.length).equals(magicSeen)) throw new KeyDeskError('BACKUP_NOT_A_BACKUP', { file });
    if (fixed.length < PREFIX_BYTES) throw new KeyDeskError('BACKUP_TRUNCATED', { file, bytes: size });
    const format = fixed.readUInt16BE(MAGIC.length);
    if (format > FORMAT_VERSION) throw new KeyDeskError('BACKUP_TOO_NEW', { file, format, supported: FORMAT_VERSION });
    if (format < 1) throw new KeyDeskError('BACKUP_CORRUPT', { file, reason: 'format' });
    const headerLength = fixed.readUInt32BE(MAGIC.length + 2);
    if (headerLength === 0 || headerLength > MAX_HEADER_BYTES) throw new KeyDeskError('BACKUP_CORRUPT', { file, reason: 'header length' });
    if (size < PREFIX_BYTES + headerLength) throw new KeyDeskError('BACKUP_TRUNCATED', { file, bytes: size });
    const json = readAt(fd, PREFIX_BYTES, headerLength);
    let parsed: z.ZodSafeParseResult<BackupHeader>;
    try {
      parsed = backupHeader.safeParse(JSON.parse(json.toString('utf8')));
    } catch {
      throw new KeyDeskError('BACKUP_CORRUPT', { file, reason: 'header' });
    }
    if (!parsed.success) throw new KeyDeskError('BACKUP_CORRUPT', { file, reason: 'header' });
    const header = parsed.data;
    if (header.schemaVersion > migrations.length) {
      throw new KeyDeskError('BACKUP_TOO_NEW', { file, fileVersion: header.schemaVersion, appVersion: migrations.length, madeBy: header.appVersion });
    }
    const expected = expectedFileBytes(PREFIX_BYTES + headerLength, header.bodyBytes);
    if (size < expected) throw new KeyDeskError('BACKUP_TRUNCATED', { file, bytes: size, expectedBytes: expected });
    if (size > expected) throw new KeyDeskError('BACKUP_CORRUPT', { file, reason: 'extra bytes', bytes: size, expectedBytes: expected });
    return { header, headerBytes: Buffer.concat([fixed, json]), fileBytes: size };
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return buf.subarray(0, done);
}
