/**
 * How the unknown-shaped parts of a timeline entry read. `detail` is structured by the core (retry
 * counts, risk decision, platform codes); `payload` is whatever the platform sent or answered.
 */

/** A one-line reading of `detail`: `key: value · key: value`, nested values as compact JSON. */
export function detailText(detail: unknown): string {
  if (detail === undefined || detail === null) return '';
  if (typeof detail !== 'object') return String(detail);
  if (Array.isArray(detail)) return JSON.stringify(detail);
  return Object.entries(detail as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** The raw payload, pretty-printed; a string body that is JSON is printed as JSON, anything else as is. */
export function payloadText(payload: unknown): string {
  if (typeof payload === 'string') {
    try {
      return JSON.stringify(JSON.parse(payload), null, 2);
    } catch {
      return payload;
    }
  }
  return JSON.stringify(payload, null, 2) ?? String(payload);
}
