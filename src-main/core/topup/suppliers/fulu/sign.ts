// 福禄 open-API signatures. Pure functions: unit-tested against a pinned vector.
//
// One rule signs everything: take a text, sort its characters, join them, append the App Secret, MD5,
// lower-case hex. Requests and callbacks sign the JSON serialisation of their parameter object without
// `sign`; replies sign the `result` string exactly as it arrives. Sorting makes key order irrelevant, so
// the receiver may re-serialise what it parsed.
import { createHash } from 'node:crypto';

/**
 * Characters sorted by Unicode code point (what the PHP and Go SDKs do: they split into characters and
 * sort byte-wise on UTF-8, which is code-point order). JavaScript's default sort compares UTF-16 code
 * units, which differs for characters beyond U+FFFF, hence the explicit comparison.
 */
export function sortChars(text: string): string {
  return Array.from(text)
    .sort((a, b) => (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0))
    .join('');
}

/** md5(sortChars(text) + secret), lower-case hex. */
export function signText(text: string, secret: string): string {
  return createHash('md5').update(sortChars(text) + secret, 'utf8').digest('hex');
}

/**
 * Signature of a request or callback: its parameters without `sign`, serialised by JSON.stringify (no
 * whitespace, `/` and non-ASCII left unescaped, like PHP's JSON_UNESCAPED_SLASHES|JSON_UNESCAPED_UNICODE).
 */
export function signParams(params: Record<string, unknown>, secret: string): string {
  const rest = Object.fromEntries(Object.entries(params).filter(([key, value]) => key !== 'sign' && value !== undefined));
  return signText(JSON.stringify(rest), secret);
}

/** Signature of a reply: over its `result` string as received (an error reply's `result` is ""). */
export function signReply(result: string, secret: string): string {
  return signText(result, secret);
}
