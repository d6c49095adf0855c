/**
 * exceljs 4.4's SAX handlers assume the XML Excel itself writes. Other writers produce valid files it
 * misreads *silently* — for a key, a wrong key or a missing row. So each part is rewritten on its way in:
 *   - prefixed elements (<x:row>, <x:c>), as the .NET Open XML SDK writes them: exceljs matches bare
 *     names only and would see no sheets and no rows → the prefix is dropped;
 *   - inline rich text, <is><r><t>AB</t></r><r><t>CD</t></r></is>: exceljs keeps the last run, "CD"
 *     (its own streaming writer produces these) → the runs are merged into one <t>;
 *   - phonetic guides, <si><t>卡密</t><rPh><t>カミツ</t></rPh></si>: exceljs keeps the reading → dropped;
 *   - rows and cells without r="…" (optional in the standard, omitted by some minimal writers): exceljs
 *     crashes on them → positions are filled in, counting from the previous row/cell;
 *   - ISO date cells, <c t="d"><v>2027-06-30T00:00:00Z</v></c>: exceljs parseFloat()s them into 1905
 *     → rewritten as the text 2027-06-30, which the expiry rules read like any written date.
 * Works on text chunks; a tag or string cut by a chunk boundary is carried into the next chunk.
 */

const OPEN_IS = /<is[\s>]/g;
const OPEN_RPH = /<rPh[\s>]/g;
const OPEN_DATE_CELL = /<c\s[^>]*\bt="d"[^>]*>/g;
/** An unclosed element longer than this is not a string; pass it through rather than buffer it. */
const MAX_CARRY = 4 * 1024 * 1024;
/** The root element must show up within this much text, or the part is not XML we can help. */
const MAX_PROLOGUE = 64 * 1024;

function lastUnclosed(text: string, open: RegExp, close: string): number {
  let last = -1;
  for (const m of text.matchAll(open)) last = m.index;
  return last >= 0 && text.indexOf(close, last) < 0 ? last : -1;
}

/** The root element's namespace prefix: '' when unprefixed, null when the root is not in sight yet. */
function rootPrefix(text: string): string | null {
  const m = /<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?[\s/>]/.exec(text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''));
  if (!m) return null;
  return m[2] === undefined ? '' : m[1]!;
}

/** "2027-06-30T23:59:59.000Z" → "2027-06-30 23:59:59"; midnight → the day alone. The zone suffix is dropped: a cell is a calendar value. */
function isoDateText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(iso.trim());
  if (!m) return iso;
  return m[2] && m[2] !== '00:00:00' ? `${m[1]} ${m[2]}` : m[1]!;
}

function rewrite(xml: string): string {
  return xml
    .replace(/<c(\s[^>]*?)\bt="d"([^>]*)>(\s*)<v>([^<]*)<\/v>/g, (_m, before: string, after: string, space: string, iso: string) => `<c${before}t="str"${after}>${space}<v>${isoDateText(iso)}</v>`)
    .replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, '')
    .replace(/<is(?:\s[^>]*)?>([\s\S]*?)<\/is>/g, (whole, inner: string) => {
      if (!inner.includes('<r>') && !inner.includes('<r ')) return whole;
      const texts = [...inner.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => m[1]);
      return `<is><t xml:space="preserve">${texts.join('')}</t></is>`;
    });
}

function columnName(n: number): string {
  let name = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

function columnNumber(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '').toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Fills in missing r= on <row> and <c>; a no-op (never enabled) for files that write them, i.e. Excel's. */
class Positions {
  enabled: boolean | null = null;
  private row = 0;
  private col = 0;

  apply(xml: string): string {
    if (this.enabled === null) {
      const first = /<(?:row|c)(\s[^>]*)?\/?>/.exec(xml);
      if (!first) return xml;
      this.enabled = !/\sr=/.test(first[1] ?? '');
    }
    if (!this.enabled) return xml;
    return xml.replace(/<(row|c)(\s[^>]*?)?(\/?)>/g, (_tag, name: string, attrs = '', close: string) => {
      const r = /\sr=(["'])(.*?)\1/.exec(attrs)?.[2];
      if (name === 'row') {
        this.row = r ? Number(r) : this.row + 1;
        this.col = 0;
        return r ? `<row${attrs}${close}>` : `<row r="${this.row}"${attrs}${close}>`;
      }
      this.col = r ? columnNumber(r) : this.col + 1;
      return r ? `<c${attrs}${close}>` : `<c r="${columnName(this.col)}${this.row}"${attrs}${close}>`;
    });
  }
}

export async function* exceljsSafeXml(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = '';
  let prefix: string | null = null;
  const positions = new Positions();
  for await (const chunk of chunks) {
    let text = carry + chunk;
    if (prefix === null) {
      const found = rootPrefix(text);
      if (found === null && text.length < MAX_PROLOGUE) {
        carry = text;
        continue;
      }
      prefix = found ?? '';
    }
    if (prefix) text = text.replaceAll(`<${prefix}:`, '<').replaceAll(`</${prefix}:`, '</');
    let cut = text.length;
    const lastOpen = text.lastIndexOf('<');
    if (lastOpen > text.lastIndexOf('>')) cut = lastOpen; // a tag cut in half
    for (const [open, close] of [[OPEN_IS, '</is>'], [OPEN_RPH, '</rPh>'], [OPEN_DATE_CELL, '</c>']] as const) {
      const at = lastUnclosed(text.slice(0, cut), open, close);
      if (at >= 0) cut = Math.min(cut, at);
    }
    if (text.length - cut > MAX_CARRY) cut = text.length;
    carry = text.slice(cut);
    if (cut > 0) yield positions.apply(rewrite(text.slice(0, cut)));
  }
  if (carry) {
    prefix ??= rootPrefix(carry) ?? '';
    if (prefix) carry = carry.replaceAll(`<${prefix}:`, '<').replaceAll(`</${prefix}:`, '</');
    yield positions.apply(rewrite(carry));
  }
}
