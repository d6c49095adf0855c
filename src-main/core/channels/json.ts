// Reading platform JSON whose types are loose: objects that may turn out to be anything, numbers sent
// as strings and strings as numbers. One set of readers, so every adapter coerces the same way.

export type JsonObject = Record<string, unknown>;

/** A plain JSON object (not null, not an array). */
export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Strings as they are, numbers in decimal, anything else ''. */
export const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** A JSON number, or a non-blank numeric string; NaN for anything else. */
export const int = (value: unknown): number =>
  typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;

/**
 * For platforms whose order lines carry no id (拼多多, 微店): lines are named by position — the first
 * takes the order id itself (almost every such order has one line), further ones `<order id>-<n>`.
 */
export function positionalLineId(orderId: string, index: number): string {
  return index === 0 ? orderId : `${orderId}-${index + 1}`;
}
