import type Database from 'better-sqlite3';
import { KeyDeskError, PLAINTEXT_CONFIRMATION, type KeyFilter } from '../../../src-shared/contract/index.js';
import { maskSecret } from '../../../src-shared/mask.js';
import { formatTime } from '../../../src-shared/format.js';
import type { Vault } from '../vault/vault.js';
import type { FileStore } from '../files/file-store.js';
import { writeTableFile } from '../files/table-file.js';
import type { AuditInput } from '../audit/audit-log.js';
import { keyAad, keyWhere } from './stock.js';


const STATUS_NAMES: Record<string, string> = { available: '可用', reserved: '已预留', delivered: '已发货', redeemed: '已核销', void: '已作废', expired: '已过期' };
const HEADER = ['编号', '卡号', '卡密', '状态', '到期时间', '入库时间', '批次'];

interface Row { id: number; card_no: string | null; secret_sealed: Buffer; secret_index: Buffer; status: string; expires_at: number | null; created_at: number; batch_id: number }

/**
 * Writes the filtered keys to .xlsx or .csv under exports/ (streamed, so a million rows stay flat in
 * memory). Secrets are masked unless the owner confirmed a plaintext export; either way it is audited.
 */
export async function exportKeys(
  deps: { sqlite: Database.Database; vault: Vault; files: FileStore; audit: (e: AuditInput) => void },
  input: { filter: KeyFilter; format: 'xlsx' | 'csv'; plaintext: boolean; confirm?: string | undefined },
): Promise<{ downloadId: string; fileName: string; rows: number }> {
  if (input.plaintext && input.confirm !== PLAINTEXT_CONFIRMATION) {
    throw new KeyDeskError('INVALID_INPUT', { issues: [{ field: 'confirm', message: `导出明文前请输入“${PLAINTEXT_CONFIRMATION}”确认` }] });
  }
  const stamp = formatTime(Date.now()).replace(/[-: ]/g, '').slice(0, 12);
  const fileName = `卡密导出-${input.plaintext ? '明文' : '打码'}-${stamp}.${input.format}`;
  const { downloadId, path } = deps.files.newExport(fileName);
  const where = keyWhere(input.filter);
  const page = deps.sqlite.prepare(`select id, card_no, secret_sealed, secret_index, status, expires_at, created_at, batch_id from keys where ${where.sql} and id > ? order by id limit 5000`);
  // Keyset pages, not one open iterator: the connection must stay free for other requests between awaits.
  async function* rows(): AsyncGenerator<Row> {
    let after = 0;
    for (;;) {
      const chunk = page.all(...where.params, after) as Row[];
      if (chunk.length === 0) return;
      yield* chunk;
      after = chunk.at(-1)!.id;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const toCells = (r: Row) => {
    const secret = deps.vault.decrypt(r.secret_sealed, keyAad(r.secret_index));
    return [r.id, r.card_no ?? '', input.plaintext ? secret : maskSecret(secret), STATUS_NAMES[r.status] ?? r.status, r.expires_at ? formatTime(r.expires_at) : '', formatTime(r.created_at), r.batch_id];
  };
  async function* cellRows(): AsyncGenerator<(string | number)[]> {
    // Card numbers and secrets stay text: Excel must not turn a 19-digit number into 6.2E+18.
    for await (const r of rows()) yield toCells(r).map((v, i) => (i === 1 || i === 2 ? String(v) : v));
  }
  const count = await writeTableFile(path, { format: input.format, sheetName: '卡密', header: HEADER, csvCell }, cellRows());
  deps.sqlite.transaction(() => {
    deps.audit({ actor: 'owner', action: input.plaintext ? 'key.export.plaintext' : 'key.export.masked', objectType: 'key', summary: { rows: count, format: input.format, filter: JSON.stringify(input.filter) } });
  }).immediate();
  return { downloadId, fileName, rows: count };
}

function csvCell(v: string | number): string {
  const s = String(v);
  // A leading tab keeps Excel from reading long digit strings as numbers; quotes escape separators.
  const text = /^\d{12,}$/.test(s) ? `\t${s}` : s;
  return /[",\r\n\t]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
