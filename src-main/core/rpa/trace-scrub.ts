// A Playwright trace records what was typed (`fill` parameters), the value of every input in its DOM
// snapshots and request bodies — the portal password included. Before a trace is kept as evidence every
// entry of the zip is rewritten with the secrets replaced. Plain zip only (what Playwright writes): no
// zip64, no encryption; anything else is refused so the caller drops the trace instead of keeping it.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const HIDDEN = Buffer.from('[已隐藏]');
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const UTF8_NAMES = 0x0800;

/** The forms a secret takes inside a trace: as typed, in JSON, in a URL or form body. */
export function secretForms(secret: string): string[] {
  if (secret === '') return [];
  const url = encodeURIComponent(secret);
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), url, url.replace(/%20/g, '+')])];
}

export function replaceAll(data: Buffer, needles: readonly Buffer[]): Buffer {
  let out = data;
  for (const needle of needles) {
    if (needle.length === 0 || out.indexOf(needle) === -1) continue;
    const parts: Buffer[] = [];
    let from = 0;
    for (let at = out.indexOf(needle); at !== -1; at = out.indexOf(needle, from)) {
      parts.push(out.subarray(from, at), HIDDEN);
      from = at + needle.length;
    }
    parts.push(out.subarray(from));
    out = Buffer.concat(parts);
  }
  return out;
}

interface Entry {
  name: Buffer;
  method: number;
  flags: number;
  crc: number;
  time: number;
  data: Buffer;
  size: number;
}

function readEntries(zip: Buffer): Entry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd === -1 || zip.readUInt32LE(eocd) !== EOCD) throw new Error('trace.zip: end of central directory not found');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error('trace.zip: bad central directory');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw new Error('trace.zip: zip64 is not supported');
    if (flags & 1) throw new Error('trace.zip: encrypted entries are not supported');
    if (method !== STORED && method !== DEFLATED) throw new Error(`trace.zip: compression method ${method} is not supported`);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error('trace.zip: bad local header');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.push({
      name: zip.subarray(at + 46, at + 46 + nameLen),
      method,
      flags,
      crc: zip.readUInt32LE(at + 16),
      time: zip.readUInt32LE(at + 12),
      data: zip.subarray(dataStart, dataStart + compressed),
      size,
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Every entry of a plain zip, uncompressed (tests and support tools read a kept trace with it). */
export function readZip(zip: Buffer): { name: string; data: Buffer }[] {
  return readEntries(zip).map((e) => ({ name: e.name.toString('utf8'), data: e.method === DEFLATED ? inflateRawSync(e.data) : e.data }));
}

/** Rewrites the entries that contain a secret; the others are copied as they are. */
function scrubEntry(entry: Entry, needles: readonly Buffer[]): Entry {
  const plain = entry.method === DEFLATED ? inflateRawSync(entry.data) : entry.data;
  const clean = replaceAll(plain, needles);
  if (clean === plain) return entry;
  return { ...entry, method: DEFLATED, crc: crc32(clean), data: deflateRawSync(clean), size: clean.length };
}

function writeZip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    // Sizes are known now, so no data descriptor (flag bit 3) is written.
    const flags = e.flags & UTF8_NAMES;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.time, 10);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(e.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.time, 12);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(e.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, e.name, e.data);
    centrals.push(central, e.name);
    offset += local.length + e.name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The zip with every form of every secret replaced; the same buffer when none occurs. Throws on a zip it cannot read. */
export function scrubZip(zip: Buffer, secrets: readonly string[]): Buffer {
  const needles = secrets.flatMap(secretForms).map((s) => Buffer.from(s));
  if (needles.length === 0) return zip;
  const entries = readEntries(zip);
  const scrubbed = entries.map((e) => scrubEntry(e, needles));
  return scrubbed.every((e, i) => e === entries[i]) ? zip : writeZip(scrubbed);
}
