// The evidence of one attempt: screenshots after every step, the run log, a manifest, and (on failure or
// pause) the Playwright trace. Layout — see README.md:
//   <evidenceRoot>/<job id>/attempt-<n>/{01-<step>.png, …, log.txt, evidence.json, trace.zip?}
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.js';
import type { Evidence, EvidenceItem } from './types.js';

export const LOG_FILE = 'log.txt';
export const MANIFEST_FILE = 'evidence.json';
export const TRACE_FILE = 'trace.zip';
const HIDDEN = '[已隐藏]';

/** A job id or account id as one safe path segment (no separators, no leading dot). */
export function safeSegment(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? '_' : cleaned;
}

/** Replaces every secret in `text`; evidence is meant to be shown and shared, secrets never. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s !== '') out = out.split(s).join(HIDDEN);
  return out;
}

/**
 * Creates the next free `attempt-<n>` folder of a job. Numbering continues across runs of the same job
 * id (a job re-enqueued after the owner's takeover starts at the next number), so nothing is overwritten.
 */
export function claimAttemptDir(jobDir: string): { dir: string; number: number } {
  mkdirSync(jobDir, { recursive: true });
  for (let n = 1; ; n++) {
    const dir = join(jobDir, `attempt-${n}`);
    try {
      mkdirSync(dir);
      return { dir, number: n };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

/** What the manifest says about the attempt besides its items. */
export interface AttemptSummary {
  job: string;
  flow: string;
  flowTitle: string;
  portal: string;
  account: string;
  attempt: number;
  startedAt: number;
  finishedAt: number;
  status: 'done' | 'failed' | 'paused';
  /** FlowFailure kind or pause reason, with its Chinese message. */
  error: { kind: string; message: string; retryable?: boolean } | null;
}

export class EvidenceRecorder {
  readonly items: EvidenceItem[] = [];
  readonly log: string[] = [];

  constructor(
    readonly dir: string,
    private readonly clock: Clock,
    private readonly secrets: readonly string[],
  ) {}

  now(): number {
    return this.clock.now();
  }

  /** One timestamped log line, secrets removed. */
  note(message: string): void {
    this.log.push(`${new Date(this.clock.now()).toISOString()} ${redact(message, this.secrets)}`);
  }

  redact(text: string): string {
    return redact(text, this.secrets);
  }

  /** `03-fill-account.png` for the third step. */
  screenshotName(index: number, stepName: string): string {
    return `${String(index + 1).padStart(2, '0')}-${safeSegment(stepName)}.png`;
  }

  add(item: EvidenceItem): void {
    this.items.push({ ...item, title: redact(item.title, this.secrets) });
  }

  /** Writes log.txt and evidence.json; returns the Evidence of the attempt. */
  finish(summary: AttemptSummary, trace: string | null): Evidence {
    const evidence: Evidence = { dir: this.dir, items: this.items, trace, log: this.log };
    const error = summary.error && { ...summary.error, message: redact(summary.error.message, this.secrets) };
    writeFileSync(join(this.dir, LOG_FILE), `${this.log.join('\n')}\n`);
    writeFileSync(join(this.dir, MANIFEST_FILE), `${JSON.stringify({ ...summary, error, items: this.items, trace }, null, 2)}\n`);
    return evidence;
  }
}
