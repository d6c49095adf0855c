import type Database from 'better-sqlite3';
import type { Clock } from './clock.js';

/** Key/value settings stored with the data. Values are JSON; callers own their keys' shapes. */
export class Settings {
  private readonly read: Database.Statement;
  private readonly write: Database.Statement;

  constructor(sqlite: Database.Database, private readonly clock: Clock) {
    this.read = sqlite.prepare('select value from settings where key = ?');
    this.write = sqlite.prepare(
      'insert into settings (key, value, updated_at) values (?, ?, ?) on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at',
    );
  }

  get(key: string): unknown {
    const row = this.read.get(key) as { value: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
  }

  set(key: string, value: unknown): void {
    this.write.run(key, JSON.stringify(value), this.clock.now());
  }
}
