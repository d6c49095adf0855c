// 导出: any report, or the 对账单 (every line), to .xlsx under exports/ for the owner to download, then
// audited as `reports.export`. A report is computed through the same service calls as the screen, so
// the file shows exactly what the screen shows for the same filters.
import { rmSync } from 'node:fs';
import type { MethodOutput, ParsedInput, ReportFilter } from '../../../src-shared/contract/index.js';
import { NUMBER_FORMATS, REPORT_TITLES, reportTables, type ReportOutputs, type ReportTable } from '../../../src-shared/reports/report-tables.js';
import { STATEMENT_COLUMNS, StatementTotals, statementCells } from '../../../src-shared/reports/statement-table.js';
import { writeWorkbook, type SheetCell, type WorkbookPart } from '../files/table-file.js';
import type { ReportDeps, Reports } from './index.js';
import { statementLines } from './statement.js';

type Input = ParsedInput<'reports.export'>;

/** Hot products in a file: every ranked product the screen could show, not only its first page. */
const HOT_ROWS_IN_FILE = 500;

/** `利润分析-20261101-20261130.xlsx`. */
export function exportFileName(input: Pick<Input, 'name' | 'from' | 'to'>): string {
  return `${REPORT_TITLES[input.name]}-${input.from.replaceAll('-', '')}-${input.to.replaceAll('-', '')}.xlsx`;
}


function sheetOf(t: Pick<ReportTable, 'title' | 'columns'>): Omit<WorkbookPart, 'rows'> {
  return { sheetName: t.title, header: t.columns.map((c) => c.title), widths: t.columns.map((c) => c.width), numFmts: t.columns.map((c) => NUMBER_FORMATS[c.kind]) };
}

export function filterOf(input: ReportFilter): ReportFilter {
  return {
    from: input.from, to: input.to,
    ...(input.platforms && { platforms: input.platforms }),
    ...(input.shopIds && { shopIds: input.shopIds }),
    ...(input.productIds && { productIds: input.productIds }),
  };
}

/** The report's output, through the service the screen calls. */
export async function reportOutput(reports: Reports, input: Input): Promise<ReportOutputs[keyof ReportOutputs]> {
  const filter = filterOf(input);
  switch (input.name) {
    case 'hot':
      return reports.hot({ ...filter, sortBy: 'revenue', limit: HOT_ROWS_IN_FILE });
    case 'profit':
      return reports.profit({ ...filter, groupBy: input.groupBy ?? 'day' });
    case 'customers':
      return reports.customers(filter);
    case 'inventory':
      return reports.inventory(filter);
    case 'suppliers':
      return reports.suppliers(filter);
    case 'statement':
      throw new Error('reportOutput: the statement is streamed, not computed');
  }
}

async function writeReport(reports: Reports, input: Input, path: string): Promise<number> {
  const name = input.name as keyof ReportOutputs;
  const tables = reportTables(name, await reportOutput(reports, input));
  const counts = await writeWorkbook(path, tables.map((t) => ({
    ...sheetOf(t),
    rows: t.rows,
    ...(t.totals && { totals: () => t.totals }),
  })));
  return counts.reduce((a, b) => a + b, 0);
}

async function writeStatement(d: ReportDeps, input: Input, path: string): Promise<number> {
  const totals = new StatementTotals();
  async function* rows(): AsyncGenerator<SheetCell[]> {
    for await (const line of statementLines(d.sqlite, filterOf(input))) {
      totals.add(line);
      yield statementCells(line);
    }
  }
  const [count] = await writeWorkbook(path, [{ ...sheetOf({ title: REPORT_TITLES.statement, columns: STATEMENT_COLUMNS }), rows: rows(), totals: () => totals.cells() }]);
  return count!;
}

export async function exportReport(d: ReportDeps, reports: Reports, input: Input): Promise<MethodOutput<'reports.export'>> {
  const fileName = exportFileName(input);
  const { downloadId, path } = d.files.newExport(fileName);
  let rows: number;
  try {
    rows = input.name === 'statement' ? await writeStatement(d, input, path) : await writeReport(reports, input, path);
  } catch (err) {
    rmSync(path, { force: true });
    throw err;
  }
  d.sqlite.transaction(() => {
    d.appendAudit({ actor: 'owner', action: 'reports.export', objectType: 'reports', summary: { report: input.name, from: input.from, to: input.to, rows } });
  }).immediate();
  return { downloadId, fileName, rows };
}
