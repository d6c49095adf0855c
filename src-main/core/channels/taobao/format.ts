// 淘宝's wire formats: money and time go through the shared readers (../units.ts) with TOP's rules —
// signed 元 strings, strict Beijing wall-clock strings — and int64 ids are kept exact as text.
import { unitsFor } from '../units.js';

export const taobaoUnits = unitsFor({ platform: '淘宝', signedYuan: true, strictTime: true });

/**
 * TOP writes tid/oid/refund_id as bare int64 numbers, beyond what a double holds exactly. Quoting every
 * long number under an `…id` key before JSON.parse keeps each digit (text inside JSON strings is untouched:
 * there the quotes are escaped).
 */
export function quoteLongIds(json: string): string {
  return json.replace(/("[a-z_]*id"\s*:\s*)(-?\d{16,})(?=\s*[,}\]])/g, '$1"$2"');
}
