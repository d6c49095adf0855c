// A report table as plain text for a terminal (`keydesk report`): columns aligned by display width
// (a Chinese character takes two cells), numbers right-aligned, money as ¥1,234.56. Pure.
import { formatFen } from '../format.js';
import type { ColumnKind, ReportCell, ReportTable } from './report-tables.js';

export function cellText(kind: ColumnKind, v: ReportCell): string {
  if (v === null || v === '') return '—';
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'money':
      return formatFen(Math.round(v * 100));
    case 'rate':
      return `${(v * 100).toFixed(2)}%`;
    case 'decimal':
      return v.toFixed(2);
    case 'int':
    case 'text':
      return String(v);
  }
}

const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/** `【title】` then the header, the rows and the totals row, or a line saying there is nothing. */
export function tableText(table: ReportTable): string {
  const lines = [`【${table.title}】`];
  if (table.rows.length === 0) return [...lines, '（没有数据）'].join('\n');
  const body = [...table.rows, ...(table.totals ? [table.totals] : [])].map((row) => row.map((v, i) => cellText(table.columns[i]!.kind, v)));
  const header = table.columns.map((c) => c.title);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[i]!))));
  const right = table.columns.map((c) => c.kind !== 'text');
  const render = (cells: string[]) => cells.map((t, i) => pad(t, widths[i]!, right[i]!)).join('  ').trimEnd();
  return [...lines, render(header), ...body.map(render)].join('\n');
}
