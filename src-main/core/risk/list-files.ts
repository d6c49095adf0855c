// 名单导入 / 导出: a sheet with columns 类型, 内容, 备注 (any .xlsx / .xls / .csv the inventory reader
// opens). Bad rows are reported by their row number; valid ones are added in one transaction. Export is
// plaintext .xlsx and audited.
import { KeyDeskError, RISK_SUBJECT_TITLES, type RiskSubject } from '../../../src-shared/contract/index.js';
import { formatTime } from '../../../src-shared/format.js';
import { readRows, type RawRow } from '../inventory/reading/index.js';
import { writeTableFile } from '../files/table-file.js';
import type { RiskDeps } from './index.js';
import { LIST_TITLES, type ListName, type ListStore, type NewEntry } from './lists.js';

const SOURCE_TITLES: Record<string, string> = { manual: '手动添加', import: '表格导入', order: '从订单添加', auto: '自动拉黑' };
const HEADER = ['类型', '内容', '备注', '来源', '加入时间', '到期时间', '命中次数'];
const MAX_ROWS = 100_000;

/** 类型 as merchants write it. */
const SUBJECT_WORDS: Record<string, RiskSubject> = {
  ...Object.fromEntries(Object.entries(RISK_SUBJECT_TITLES).map(([k, v]) => [v.toLowerCase(), k as RiskSubject])),
  buyer: 'buyer', ip: 'ip', device: 'device', phone: 'phone', email: 'email',
  买家账号: 'buyer', 买家昵称: 'buyer', 昵称: 'buyer', 账号: 'buyer', 旺旺: 'buyer',
  网段: 'ip', ip地址: 'ip', 设备号: 'device', 设备id: 'device', 手机: 'phone', 电话: 'phone', 手机号码: 'phone', 邮件: 'email', 电子邮箱: 'email', 邮箱地址: 'email',
};

export function subjectOf(word: string): RiskSubject | undefined {
  return SUBJECT_WORDS[word.trim().toLowerCase().replace(/\s+/g, '')];
}

type Deps = Pick<RiskDeps, 'sqlite' | 'files' | 'appendAudit' | 'clock'>;

export async function importList(d: Deps, lists: ListStore, list: ListName, uploadId: string):
  Promise<{ added: number; duplicates: number; problems: { row: number; reason: string }[] }> {
  const upload = d.files.upload(uploadId);
  const problems: { row: number; reason: string }[] = [];
  const entries: { row: number; entry: NewEntry }[] = [];
  try {
    let seen = 0;
    for await (const chunk of readRows({ path: upload.path })) {
      for (const row of chunk) {
        if (++seen > MAX_ROWS) throw new KeyDeskError('IMPORT_FILE_TOO_LARGE', { limitRows: MAX_ROWS }, `一次最多导入 ${MAX_ROWS} 行名单，请拆分后导入`);
        const parsed = readRow(lists, list, row);
        if (parsed === 'header') continue;
        if ('reason' in parsed) problems.push({ row: row.row, reason: parsed.reason });
        else entries.push({ row: row.row, entry: parsed.entry });
      }
    }
  } finally {
    d.files.removeUpload(uploadId);
  }
  if (entries.length === 0 && problems.length === 0) throw new KeyDeskError('IMPORT_EMPTY_FILE');
  return d.sqlite.transaction(() => {
    let added = 0;
    let duplicates = 0;
    for (const { entry } of entries) {
      if (lists.insert(entry) === null) duplicates++;
      else added++;
    }
    d.appendAudit({ actor: 'owner', action: 'risk.list.import', objectType: 'risk_list', summary: {
      kind: list, fileName: upload.fileName, imported: added, duplicates, invalid: problems.length,
    } });
    return { added, duplicates, problems };
  }).immediate();
}

function readRow(lists: ListStore, list: ListName, row: RawRow): 'header' | { entry: NewEntry } | { reason: string } {
  const [type = '', value = '', note = ''] = row.cells.map((c) => c.text.trim());
  if (type === '类型' || type.toLowerCase() === 'type') return 'header';
  if (type === '' && value === '') return 'header';
  const subject = subjectOf(type);
  if (!subject) return { reason: `类型「${type || '（空）'}」不认识，应为 买家 / IP / 设备 / 手机号 / 邮箱` };
  if (row.cells[1]?.unsafeNumber) return { reason: '内容：数字太长被表格改成了科学计数法，请把这一列设为“文本”后重新导出' };
  const parsed = lists.parse(list, subject, value, note.slice(0, 200) || null, null, 'import');
  return parsed.ok ? { entry: parsed.entry } : { reason: parsed.reason };
}

export async function exportList(d: Deps, lists: ListStore, list: ListName): Promise<{ downloadId: string; fileName: string; rows: number }> {
  const stamp = formatTime(d.clock.now()).replace(/[-: ]/g, '').slice(0, 12);
  const fileName = `${LIST_TITLES[list]}-${stamp}.xlsx`;
  const { downloadId, path } = d.files.newExport(fileName);
  async function* cells(): AsyncGenerator<(string | number)[]> {
    let n = 0;
    for (const e of lists.plaintext(list)) {
      // Values stay text: Excel must not turn an 11-digit phone into 1.38E+10.
      yield [RISK_SUBJECT_TITLES[e.subject], String(e.value), e.note ?? '', SOURCE_TITLES[e.source] ?? e.source, formatTime(e.createdAt),
        e.expiresAt ? formatTime(e.expiresAt) : '', e.hits];
      if (++n % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const rows = await writeTableFile(path, { format: 'xlsx', sheetName: LIST_TITLES[list], header: HEADER }, cells());
  d.sqlite.transaction(() => {
    d.appendAudit({ actor: 'owner', action: 'risk.list.export', objectType: 'risk_list', summary: { kind: list, rows, format: 'xlsx' } });
  }).immediate();
  return { downloadId, fileName, rows };
}
