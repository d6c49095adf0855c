import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { sealSecret, blindIndexWith, IvPool } from '../../vault/vault.js';
import { keyAad } from '../stock.js';
import { normaliseSecret, type Candidate } from './row-rules.js';

export interface StagingKeys {
  dataKey: Buffer;
  dataVersion: number;
  indexKey: Buffer;
}

export type ProblemKind = 'invalid' | 'duplicate_in_file' | 'duplicate_in_stock' | 'warning';

export interface StagingCounts {
  staged: number;
  duplicatesInFile: number;
  duplicatesInStock: number;
  invalid: number;
  warnings: number;
}

export type JudgedRow = { kind: 'key'; key: Candidate } | { kind: 'invalid'; row: number; reason: string };

const DAY_MS = 86_400_000;

/**
 * A throwaway SQLite file that holds one import's sealed keys until the owner's rule says commit.
 * Being a separate file, it takes no lock on the real database while a large file is read, and a crash
 * leaves the real database exactly as it was (the file is removed at the next start).
 * Rows are appended with no index; duplicates are found set-based once at the end, because building
 * an index over a million sorted keys is far cheaper than a million random index inserts.
 */
export class Staging {
  private readonly db: Database.Database;
  private readonly ivs = new IvPool();
  private readonly insert: Database.Statement;
  private readonly problem: Database.Statement;

  constructor(
    readonly path: string,
    private readonly keys: StagingKeys,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    rmSync(path, { force: true });
    this.db = new Database(path);
    // Disposable data: no journal, no fsync. Durability comes from the single commit into the real database.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -16384'); // appends only until the end; keep the import's memory low
    this.db.exec(`
      create table staged (seq integer primary key, row integer not null, card_no text, secret_sealed blob not null,
        secret_index blob not null, expires_at integer, extra text);
      create table problems (row integer not null, kind text not null, reason text not null, card_no text);`);
    this.insert = this.db.prepare('insert into staged (row, card_no, secret_sealed, secret_index, expires_at, extra) values (?, ?, ?, ?, ?, ?)');
    this.problem = this.db.prepare("insert into problems (row, kind, reason, card_no) values (?, 'invalid', ?, null)");
  }

  /** One chunk of judged rows, in one staging transaction; the real database is not touched. */
  addChunk(items: JudgedRow[]): void {
    this.db.transaction(() => {
      for (const item of items) {
        if (item.kind === 'invalid') {
          this.problem.run(item.row, item.reason);
          continue;
        }
        const key = item.key;
        const index = blindIndexWith(this.keys.indexKey, normaliseSecret(key.secret));
        const sealed = sealSecret(this.keys.dataKey, this.keys.dataVersion, key.secret, keyAad(index), this.ivs.next());
        this.insert.run(key.row, key.cardNo, sealed, index, key.expiresAt, key.extra ? JSON.stringify(key.extra) : null);
      }
    })();
  }

  /** Duplicates inside the file: the first occurrence stays, later ones are reported with its row. */
  finish(): StagingCounts {
    this.db.exec('create index staged_secret on staged(secret_index, seq)');
    this.db.transaction(() => {
      const later = 'exists (select 1 from staged t where t.secret_index = s.secret_index and t.seq < s.seq)';
      this.db.exec(`insert into problems (row, kind, reason, card_no)
        select s.row, 'duplicate_in_file', '与第 ' || (select t.row from staged t where t.secret_index = s.secret_index order by t.seq limit 1) || ' 行的卡密重复', s.card_no
        from staged s where ${later}`);
      this.db.exec(`delete from staged as s where ${later}`);
    })();
    const count = (sql: string) => (this.db.prepare(sql).pluck().get() as number) ?? 0;
    const counts: StagingCounts = {
      staged: count('select count(*) from staged'),
      duplicatesInFile: count("select count(*) from problems where kind = 'duplicate_in_file'"),
      duplicatesInStock: 0,
      invalid: count("select count(*) from problems where kind = 'invalid'"),
      warnings: 0,
    };
    this.db.close();
    return counts;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Run on the main connection with the staging file attached as `staging`, before the commit: keys
 * already in stock become duplicates, a card number seen with a different secret (in stock or earlier
 * in this file) is flagged invalid — never stored twice — and keys close to expiry get a warning.
 * Updates `counts` in place.
 */
export function checkAgainstStock(main: Database.Database, counts: StagingCounts, now: number): void {
  const moved = (kind: ProblemKind, reason: string, where: string): number => {
    main.prepare(`insert into staging.problems (row, kind, reason, card_no) select s.row, '${kind}', ${reason}, s.card_no from staging.staged s where ${where}`).run();
    return main.prepare(`delete from staging.staged as s where ${where}`).run().changes;
  };
  main.exec('create index if not exists staging.staged_card on staged(card_no, seq)');
  main.transaction(() => {
    const inStock = moved('duplicate_in_stock', "'库存中已有这条卡密（以前导入过）'", 'exists (select 1 from main.keys k where k.secret_index = s.secret_index)');
    const cardClash = `'卡号 ' || s.card_no || ' 已有另一条不同的卡密（可疑，请向供应商核实）'`;
    const vsStock = moved('invalid', cardClash, 's.card_no is not null and exists (select 1 from main.keys k where k.card_no = s.card_no and k.secret_index <> s.secret_index)');
    const inFile = moved('invalid', cardClash, 's.card_no is not null and exists (select 1 from staging.staged t where t.card_no = s.card_no and t.seq < s.seq and t.secret_index <> s.secret_index)');
    counts.warnings = main
      .prepare(`insert into staging.problems (row, kind, reason, card_no) select row, 'warning', '7 天内到期', card_no from staging.staged where expires_at is not null and expires_at < ?`)
      .run(now + 7 * DAY_MS).changes;
    counts.duplicatesInStock += inStock;
    counts.invalid += vsStock + inFile;
    counts.staged -= inStock + vsStock + inFile;
  })();
}
