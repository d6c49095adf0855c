import dayjs, { type Dayjs } from 'dayjs';
import type { Batch } from '../../../../../src-shared/contract/methods/inventory.js';
import { formatTime } from '../../../../../src-shared/format.js';

/**
 * 批次专用 as the owner reads and picks it. The picker shows wall-clock times and the owner means Beijing
 * time whatever the computer's time zone, so a picked minute is read as UTC+08:00 (China has no daylight
 * saving, so the offset is fixed). dayjs has no time-zone plugin loaded here; the offset is explicit.
 */

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** A minute picked in the form, read as Beijing time → epoch ms. */
export function pickedToMs(d: Dayjs): number {
  return Date.UTC(d.year(), d.month(), d.date(), d.hour(), d.minute()) - BEIJING_OFFSET_MS;
}

/** Epoch ms → the picker value showing its Beijing wall-clock minute (the inverse of `pickedToMs`). */
export function msToPicked(ms: number): Dayjs {
  const b = new Date(ms + BEIJING_OFFSET_MS);
  return dayjs(new Date(b.getUTCFullYear(), b.getUTCMonth(), b.getUTCDate(), b.getUTCHours(), b.getUTCMinutes()));
}

/** `05-01 13:45`, Beijing time: the short form the 专用 column shows. */
export function shortTime(ms: number): string {
  return formatTime(ms).slice(5, 16);
}

export type Pin = Pick<Batch, 'pinShopId' | 'pinFrom' | 'pinTo'>;

export function isPinned(b: Pin): boolean {
  return b.pinShopId !== null || b.pinFrom !== null || b.pinTo !== null;
}

/** The campaign has closed: no order paid from now on may use the batch. */
export function campaignOver(b: Pin, now: number): boolean {
  return b.pinTo !== null && b.pinTo <= now;
}

/** The range picker's value as antd holds it. */
export type PickedRange = [Dayjs | null, Dayjs | null] | null;

export function rangeOf(b: Pin): PickedRange {
  if (b.pinFrom === null && b.pinTo === null) return null;
  return [b.pinFrom === null ? null : msToPicked(b.pinFrom), b.pinTo === null ? null : msToPicked(b.pinTo)];
}

/** The picked range → `from`/`to` for `inventory.pinBatch` (an empty end is unbounded). */
export function rangeToMs(range: PickedRange): { from: number | null; to: number | null } {
  const [from, to] = range ?? [null, null];
  return { from: from ? pickedToMs(from) : null, to: to ? pickedToMs(to) : null };
}
