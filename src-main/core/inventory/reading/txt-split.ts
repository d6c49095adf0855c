import { foldWidth } from './cells.js';

/**
 * How a plain-text key list is cut into cells. Decided once per file from a sample, never per line: a
 * key that happens to contain a comma must not split differently from its neighbours.
 */
export type TxtSplitter =
  | { kind: 'labels'; withExpiry: boolean }
  | { kind: 'dashes' | 'tab' | 'pipe' | 'comma' | 'spaces' }
  | { kind: 'none' };

// In priority order: on equal scores the earlier, more deliberate separator wins.
const SEPARATORS: { kind: 'dashes' | 'tab' | 'pipe' | 'comma' | 'spaces'; re: RegExp }[] = [
  { kind: 'dashes', re: /-{4,}/ }, // the trade's habit: 卡号----卡密
  { kind: 'tab', re: /\t/ },
  { kind: 'pipe', re: /\|/ },
  { kind: 'comma', re: /,/ },
  { kind: 'spaces', re: / +/ },
];

const CARD_LABELS = ['卡号', '账号', '帐号', '序列号'];
const SECRET_LABELS = ['卡密', '密码', '激活码', '兑换码', '密钥'];
const EXPIRY_LABELS = ['有效期至', '有效期', '到期时间', '过期时间', '到期日', '截止日期'];
// Applied to width-folded text, so 卡号：x (full-width colon) arrives here as 卡号:x.
const LABEL = new RegExp(`(${[...CARD_LABELS, ...SECRET_LABELS, ...EXPIRY_LABELS].join('|')})\\s*:\\s*`, 'g');

export interface Scored<T> {
  choice: T;
  score: number;
}

/** Lines sharing the most common field count (≥ 2): how well a separator explains the sample. */
export function modalScore(counts: number[]): number {
  const tally = new Map<number, number>();
  for (const n of counts) if (n >= 2) tally.set(n, (tally.get(n) ?? 0) + 1);
  return Math.max(0, ...tally.values());
}

function labelled(line: string): Map<string, string> {
  const found = new Map<string, string>();
  const matches = [...line.matchAll(LABEL)];
  matches.forEach((m, i) => {
    const label = m[1]!;
    const field = CARD_LABELS.includes(label) ? 'cardNo' : SECRET_LABELS.includes(label) ? 'secret' : 'expiry';
    const end = i + 1 < matches.length ? matches[i + 1]!.index : line.length;
    let value = line.slice(m.index + m[0].length, end).replace(/(?:[\s,;|]|-{4,})+$/, '').trim();
    // A key is one token; whatever follows it (备注 text) is not part of it. A date may contain a space.
    if (field !== 'expiry') value = value.split(/\s+|-{4,}/)[0] ?? '';
    if (!found.has(field)) found.set(field, value);
  });
  return found;
}

export function chooseTxtSplitter(sample: string[]): Scored<TxtSplitter> {
  const lines = sample.map(foldWidth).filter((l) => l.trim() !== '');
  const withLabels = lines.map(labelled).filter((m) => m.size > 0);
  if (lines.length > 0 && withLabels.length * 2 >= lines.length) {
    return { choice: { kind: 'labels', withExpiry: withLabels.some((m) => m.has('expiry')) }, score: withLabels.length };
  }
  let best: Scored<TxtSplitter> = { choice: { kind: 'none' }, score: 0 };
  for (const { kind, re } of SEPARATORS) {
    const counts = lines.map((l) => (kind === 'spaces' ? l.trim() : l).split(re).length);
    const score = modalScore(counts);
    if (score > best.score) best = { choice: { kind }, score };
  }
  // A separator that explains fewer than half the lines is noise (a comma in a few keys or notes).
  return best.score * 2 >= lines.length ? best : { choice: { kind: 'none' }, score: 0 };
}

/** One line → raw cell texts (not yet normalised per cell). */
export function splitTxtLine(line: string, splitter: TxtSplitter): string[] {
  const folded = foldWidth(line);
  switch (splitter.kind) {
    case 'none':
      return [folded];
    case 'labels': {
      const found = labelled(folded);
      if (found.size === 0) return [folded];
      const cells = [found.get('cardNo') ?? '', found.get('secret') ?? ''];
      return splitter.withExpiry ? [...cells, found.get('expiry') ?? ''] : cells;
    }
    case 'spaces':
      return folded.trim().split(/ +/);
    default:
      return folded.split(SEPARATORS.find((s) => s.kind === splitter.kind)!.re);
  }
}
