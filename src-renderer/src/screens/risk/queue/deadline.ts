import type { Translate } from '../../../i18n/index.js';

const MINUTE = 60_000;

/** `3 小时 12 分` / `45 分钟`: time left until a deadline, rounded down to the minute. */
export function formatSpan(t: Translate, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return t('risk.span.dayHour', { d: days, h: hours });
  if (hours > 0) return t('risk.span.hourMinute', { h: hours, m: rest });
  return t('risk.span.minute', { m: rest });
}

export type DeadlineTone = 'ok' | 'soon' | 'over';

/** Red once less than `alertBeforeMs` is left (the same moment the core alerts), and past the deadline. */
export function deadlineTone(deadlineAt: number, now: number, alertBeforeMs: number): DeadlineTone {
  const left = deadlineAt - now;
  if (left <= 0) return 'over';
  return left < alertBeforeMs ? 'soon' : 'ok';
}
