import type { MessageKey } from '../../i18n/index.js';

/** A wait as the owner says it: 「8 秒」, 「2 分 10 秒」, 「1 小时 5 分」, 「2 天 3 小时」 — two units at most. */
export function durationText(ms: number): { key: MessageKey; vars: Record<string, number> } {
  if (ms < 1_000) return { key: 'workbench.duration.underSecond', vars: {} };
  const seconds = Math.round(ms / 1_000);
  if (seconds < 60) return { key: 'workbench.duration.s', vars: { s: seconds } };
  // Past a minute the seconds still matter; past an hour they do not, past a day neither do the minutes.
  if (seconds < 3_600) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return s === 0 ? { key: 'workbench.duration.m', vars: { m } } : { key: 'workbench.duration.ms', vars: { m, s } };
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? { key: 'workbench.duration.h', vars: { h } } : { key: 'workbench.duration.hm', vars: { h, m } };
  }
  const hours = Math.round(minutes / 60);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h === 0 ? { key: 'workbench.duration.d', vars: { d } } : { key: 'workbench.duration.dh', vars: { d, h } };
}
