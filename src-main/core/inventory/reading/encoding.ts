import iconv from 'iconv-lite';
import chardet from 'chardet';
import type { Transform } from 'node:stream';

/**
 * Text files from Chinese suppliers: Excel's "CSV" is GBK without a BOM, newer tools write UTF-8 (with
 * or without BOM), Excel's "Unicode text" is UTF-16LE with a BOM, Taiwan/HK tools may write Big5.
 * GB2312 and GBK are both read as GB18030, their superset.
 */
export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030' | 'big5';

/** How much of a file decides its encoding and its shape. */
export const SAMPLE_BYTES = 64 * 1024;

interface Utf8Stats {
  multibyte: number;
  invalid: number;
}

/** Count well-formed multi-byte UTF-8 sequences and malformed ones; a cut sequence at the sample's end is not malformed. */
function utf8Stats(buf: Buffer, complete: boolean): Utf8Stats {
  let multibyte = 0, invalid = 0, i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) { i++; continue; }
    let need = 0, lo = 0x80, hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) { need = 2; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f; }
    else { invalid++; i++; continue; }
    if (!complete && i + need >= buf.length) break;
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      const min = k === 1 ? lo : 0x80, max = k === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) { ok = false; break; }
    }
    if (ok) { multibyte++; i += need + 1; } else { invalid++; i++; }
  }
  return { multibyte, invalid };
}

export function detectEncoding(sample: Buffer, complete: boolean): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf16be';
  const { multibyte, invalid } = utf8Stats(sample, complete);
  // Mostly-UTF-8 with a stray GBK line (files glued together): stay UTF-8; the stray bytes become U+FFFD
  // and those rows are rejected, instead of turning every other Chinese character into mojibake.
  if (invalid === 0 || multibyte >= invalid * 4) return 'utf8';
  // chardet mistakes short GBK samples for Big5/EUC-KR; only a confident Big5 verdict overrides GB18030.
  const top = chardet.analyse(sample)[0];
  if (top && top.name === 'Big5' && top.confidence >= 50) return 'big5';
  return 'gb18030';
}

/** Whole-buffer decode (BOM dropped). */
export function decodeText(buf: Buffer, encoding: TextEncoding): string {
  return iconv.decode(buf, encoding);
}

/** Streaming decode (BOM dropped); characters split across chunks are reassembled. */
export function decodeStream(encoding: TextEncoding): Transform {
  return iconv.decodeStream(encoding) as unknown as Transform;
}
