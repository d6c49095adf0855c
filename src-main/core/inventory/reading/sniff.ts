import { KeyDeskError } from '../../../../src-shared/contract/index.js';
import { decodeText, detectEncoding, SAMPLE_BYTES } from './encoding.js';
import { xlsbRefused } from './errors.js';
import { classifyText, sampleLines } from './text-shape.js';
import type { FileFormat } from './types.js';

const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_EMPTY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const OTHER_BINARY = ['%PDF', '\x89PNG', 'GIF8', '\xFF\xD8\xFF', 'Rar!', '7z\xBC\xAF', '\x1F\x8B'].map((s) => Buffer.from(s, 'latin1'));

/**
 * The format by content: suppliers rename .xls to .xlsx, WPS saves HTML as .xls, CSV arrives as .txt.
 * `head` is the first 64 KB (less = the whole file). The file name only breaks a csv/txt tie.
 */
export function detectFormat(head: Buffer, fileName?: string): FileFormat {
  if (head.length === 0) throw new KeyDeskError('IMPORT_EMPTY_FILE');
  if (head.subarray(0, 4).equals(ZIP_LOCAL)) return zipFormat(head);
  if (head.subarray(0, 4).equals(ZIP_EMPTY)) throw new KeyDeskError('IMPORT_NOT_SPREADSHEET', { reason: '空压缩包' });
  if (head.subarray(0, 8).equals(OLE)) return oleFormat(head);
  if (OTHER_BINARY.some((magic) => head.subarray(0, magic.length).equals(magic))) throw new KeyDeskError('IMPORT_NOT_SPREADSHEET');
  return textFormat(head, fileName);
}

/** Names of the zip parts whose local headers lie in the head (an xlsx names its xl/ parts within the first KBs). */
function zipNames(head: Buffer): { names: string[]; mimetype: string } {
  const names: string[] = [];
  let mimetype = '';
  for (let at = head.indexOf(ZIP_LOCAL); at >= 0 && at + 30 <= head.length; at = head.indexOf(ZIP_LOCAL, at + 4)) {
    const nameLength = head.readUInt16LE(at + 26), extraLength = head.readUInt16LE(at + 28);
    const name = head.toString('utf8', at + 30, Math.min(head.length, at + 30 + nameLength));
    names.push(name);
    // ODF stores `mimetype` uncompressed so it can be read exactly like this.
    if (name === 'mimetype' && head.readUInt16LE(at + 8) === 0) {
      const start = at + 30 + nameLength + extraLength;
      mimetype = head.toString('latin1', start, Math.min(head.length, start + head.readUInt32LE(at + 18)));
    }
  }
  return { names, mimetype };
}

function zipFormat(head: Buffer): FileFormat {
  const { names, mimetype } = zipNames(head);
  if (names.includes('xl/workbook.bin')) throw xlsbRefused();
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (mimetype.startsWith('application/vnd.oasis.opendocument.')) throw new KeyDeskError('IMPORT_NOT_SPREADSHEET', { reason: mimetype });
  if (names.includes('content.xml')) return 'ods';
  if (names.some((n) => n.startsWith('word/') || n.startsWith('ppt/'))) throw new KeyDeskError('IMPORT_NOT_SPREADSHEET', { reason: 'office document' });
  // An OOXML package whose parts start beyond the head: the xlsx reader checks for a workbook.
  if (names.includes('[Content_Types].xml')) return 'xlsx';
  throw new KeyDeskError('IMPORT_NOT_SPREADSHEET', { reason: 'zip' });
}

/**
 * OLE2 compound files hold .xls (stream "Workbook"/"Book") — and also password-protected .xlsx: Office
 * wraps the encrypted package in OLE, with a stream named "EncryptedPackage". Directory names are UTF-16LE.
 */
function oleFormat(head: Buffer): FileFormat {
  const has = (name: string) => head.includes(Buffer.from(name, 'utf16le'));
  if (has('EncryptedPackage')) throw new KeyDeskError('IMPORT_PASSWORD_PROTECTED');
  if (has('WordDocument') || has('PowerPoint Document')) throw new KeyDeskError('IMPORT_NOT_SPREADSHEET', { reason: 'office document' });
  // Directory beyond the head, or an xls: SheetJS reads the whole container and decides.
  return 'xls';
}

/** Control characters that never occur in text a person wrote; NUL alone is conclusive. */
function looksBinary(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  return control > 8 && control * 100 > text.length;
}

function textFormat(head: Buffer, fileName?: string): FileFormat {
  const complete = head.length < SAMPLE_BYTES;
  const encoding = detectEncoding(head, complete);
  const text = decodeText(head, encoding);
  if (looksBinary(encoding.startsWith('utf16') ? text : head.toString('latin1'))) throw new KeyDeskError('IMPORT_NOT_SPREADSHEET');
  const trimmed = text.replace(/[\s\u3000\uFEFF\u200B]+/g, ' ').trim();
  if (trimmed === '') throw new KeyDeskError('IMPORT_EMPTY_FILE');
  if (trimmed.startsWith('<')) {
    const start = trimmed.slice(0, 8192).toLowerCase();
    // Web back-ends' "Excel export" is often an HTML table or Excel 2003 XML named .xls; SheetJS reads both.
    if (start.includes('<table') || start.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xls';
    if (/^<(\?xml|!doctype|html)/.test(start)) throw new KeyDeskError('IMPORT_NOT_SPREADSHEET', { reason: 'html' });
  }
  return classifyText(sampleLines(text, complete), fileName);
}
