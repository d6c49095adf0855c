// 规则命中统计: per rule hits (and how many it decided) by Beijing day, decisions by action, and how many
// orders were screened, over the last N days.
import type Database from 'better-sqlite3';
import type { MethodOutput, RiskRule } from '../../../src-shared/contract/index.js';
import { dayNumberInShanghai, dayText } from './shanghai.js';

const DAY = 86_400_000;

export function riskStats(sqlite: Database.Database, rules: RiskRule[], openHolds: number, now: number, days: number): MethodOutput<'risk.stats'> {
  const since = now - days * DAY;
  const hits = sqlite.prepare(`select rule_id as ruleId, at, decided, action from risk_hits where at >= ?`).all(since) as { ruleId: number; at: number; decided: number; action: string }[];
  const perRule = new Map<number, { hits: number; decided: number; byDay: Map<number, number> }>();
  const byAction: Record<string, number> = {};
  for (const h of hits) {
    const s = perRule.get(h.ruleId) ?? { hits: 0, decided: 0, byDay: new Map<number, number>() };
    s.hits++;
    if (h.decided) {
      s.decided++;
      byAction[h.action] = (byAction[h.action] ?? 0) + 1;
    }
    const day = dayNumberInShanghai(h.at);
    s.byDay.set(day, (s.byDay.get(day) ?? 0) + 1);
    perRule.set(h.ruleId, s);
  }
  const screened = (sqlite.prepare('select count(*) as n from order_signals where at >= ?').get(since) as { n: number }).n;
  return {
    rules: rules.map((r) => {
      const s = perRule.get(r.id);
      return {
        ruleId: r.id, name: r.name, action: r.action, mode: r.mode, hits: s?.hits ?? 0, decided: s?.decided ?? 0,
        byDay: s ? [...s.byDay].sort((a, b) => a[0] - b[0]).map(([day, n]) => ({ day: dayText(day), hits: n })) : [],
      };
    }),
    byAction,
    openHolds,
    screened,
  };
}
