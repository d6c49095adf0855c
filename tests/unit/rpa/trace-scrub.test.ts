import { describe, expect, it } from 'vitest';
import { readZip, replaceAll, scrubZip, secretForms } from '../../../src-main/core/rpa/trace-scrub.js';

const SECRET = 'p@ss "word"';

/**
 * A zip (Python zipfile) shaped like a trace: `trace.trace` (deflated) holds the secret as JSON and in a
 * URL, `body.txt` (stored) as a form body, `other.txt` (deflated) holds nothing secret.
 */
const FIXTURE = Buffer.from(
  'UEsDBBQAAAAIAAiShl0kEEndWAAAAF0AAAALAAAAdHJhY2UudHJhY2WrViqpLEhVslJKTC7JzM9T0lEqSCxKzC1WsqpWKkvMKQVJFTgUFyvEKJXnF6XEKCnV1nJVK5UW5QAl9HPy0zPz7AvKbQtUTQyKi1WNDFSNjEDqgJRSLRcAUEsDBBQAAAAAAAiShl1NI5oNGwAAABsAAAAIAAAAYm9keS50eHRwdz1wJTQwc3MrJTIyd29yZCUyMiZ1c2VyPXVQSwMEFAAAAAgACJKGXaL8eWQQAAAADgAAAAkAAABvdGhlci50eHTLy1coTk0uSi1RyEgtSgUAUEsBAhQDFAAAAAgACJKGXSQQSd1YAAAAXQAAAAsAAAAAAAAAAAAAAKSBAAAAAHRyYWNlLnRyYWNlUEsBAhQDFAAAAAAACJKGXU0jmg0bAAAAGwAAAAgAAAAAAAAAAAAAAKSBgQAAAGJvZHkudHh0UEsBAhQDFAAAAAgACJKGXaL8eWQQAAAADgAAAAkAAAAAAAAAAAAAAKSBwgAAAG90aGVyLnR4dFBLBQYAAAAAAwADAKYAAAD5AAAAAAA=',
  'base64',
);

const text = (zip: Buffer) => Object.fromEntries(readZip(zip).map((e) => [e.name, e.data.toString('utf8')]));

describe('scrubZip', () => {
  it('the fixture really holds the secret in all its forms', () => {
    const before = text(FIXTURE);
    expect(before['trace.trace']).toContain('p@ss \\"word\\"');
    expect(before['trace.trace']).toContain('p%40ss%20%22word%22');
    expect(before['body.txt']).toContain('p%40ss+%22word%22');
  });

  it('replaces the secret as typed, in JSON, in URLs and form bodies; leaves the rest intact', () => {
    const after = text(scrubZip(FIXTURE, [SECRET]));
    expect(after).toEqual({
      'trace.trace': '{"type":"action","params":{"value":"[已隐藏]"}}\n{"url":"/login?pw=[已隐藏]"}\n',
      'body.txt': 'pw=[已隐藏]&user=u',
      'other.txt': 'no secret here',
    });
  });

  it('returns the same zip when no secret occurs or none is given', () => {
    expect(scrubZip(FIXTURE, ['not-in-there'])).toBe(FIXTURE);
    expect(scrubZip(FIXTURE, [''])).toBe(FIXTURE);
  });

  it('refuses what it cannot read, so the caller drops the trace', () => {
    expect(() => scrubZip(Buffer.from('not a zip'), [SECRET])).toThrow(/trace\.zip/);
  });
});

describe('secret forms', () => {
  it('covers typed, JSON, URL and form encodings without duplicates', () => {
    expect(secretForms(SECRET)).toEqual(['p@ss "word"', 'p@ss \\"word\\"', 'p%40ss%20%22word%22', 'p%40ss+%22word%22']);
    expect(secretForms('plain')).toEqual(['plain']);
    expect(secretForms('')).toEqual([]);
  });

  it('replaceAll replaces every occurrence, also overlapping neighbours', () => {
    expect(replaceAll(Buffer.from('aXaXa'), [Buffer.from('a')]).toString()).toBe('[已隐藏]X[已隐藏]X[已隐藏]');
  });
});
