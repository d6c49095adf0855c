import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errors } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { classify } from '../../../src-main/core/rpa/attempt.js';
import { claimAttemptDir, EvidenceRecorder, redact, safeSegment } from '../../../src-main/core/rpa/evidence.js';
import { FlowFailure, FlowPause } from '../../../src-main/core/rpa/types.js';
import { tempDir } from '../../helpers/core.js';

const running = { stopping: () => false };
const step = { index: 1, title: '填写充值账号', timeoutMs: 30_000 };

describe('classify (what a step threw → the job result)', () => {
  it('keeps a FlowPause and a FlowFailure as they are', () => {
    const pause = new FlowPause('captcha', '需要输入验证码');
    expect(classify(pause, step, running)).toEqual({ status: 'paused', pause });
    const failure = new FlowFailure('layout_changed', '找不到充值按钮', false);
    expect(classify(failure, step, running)).toEqual({ status: 'failed', error: failure });
  });

  it('turns a Playwright timeout into a retryable timeout naming the step', () => {
    const out = classify(new errors.TimeoutError('locator.click: Timeout 30000ms exceeded.'), step, running);
    expect(out.status).toBe('failed');
    if (out.status !== 'failed') return;
    expect(out.error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(out.error.message).toBe('第 2 步「填写充值账号」超时：30 秒内页面没有反应');
  });

  it('turns anything else into a retryable unknown failure with the first line of the error', () => {
    const out = classify(new Error('page.goto: net::ERR_CONNECTION_RESET\nCall log: …'), step, running);
    expect(out).toMatchObject({ status: 'failed', error: { kind: 'unknown', retryable: true, message: '第 2 步「填写充值账号」出错：page.goto: net::ERR_CONNECTION_RESET' } });
  });

  it('says the engine stopped when it is shutting down', () => {
    const out = classify(new Error('Target page, context or browser has been closed'), step, { stopping: () => true });
    expect(out).toMatchObject({ status: 'failed', error: { kind: 'unknown', retryable: true } });
    if (out.status === 'failed') expect(out.error.message).toContain('自动化已停止');
  });
});

describe('evidence', () => {
  it('numbers attempt folders on, across runs of the same job', () => {
    const root = tempDir();
    expect(claimAttemptDir(join(root, 'job')).number).toBe(1);
    expect(claimAttemptDir(join(root, 'job')).number).toBe(2);
    expect(existsSync(join(root, 'job', 'attempt-2'))).toBe(true);
  });

  it('makes ids safe path segments', () => {
    expect(safeSegment('topup-42')).toBe('topup-42');
    expect(safeSegment('../../etc')).toBe('__.._etc');
    expect(safeSegment('a/b\\c:d')).toBe('a_b_c_d');
    expect(safeSegment('')).toBe('_');
  });

  it('redacts every occurrence of every secret, ignoring empty ones', () => {
    expect(redact('pw=s3cret, again s3cret', ['s3cret', ''])).toBe('pw=[已隐藏], again [已隐藏]');
  });

  it('writes log.txt and evidence.json without the secret', () => {
    const dir = tempDir();
    let now = Date.UTC(2025, 0, 1);
    const rec = new EvidenceRecorder(dir, { now: () => now++ }, ['s3cret']);
    rec.note('typed s3cret');
    rec.add({ step: 'login', title: '登录 s3cret', screenshot: rec.screenshotName(0, 'login'), at: rec.now(), ok: false });
    const evidence = rec.finish(
      { job: 'j', flow: 'f', flowTitle: '测试', portal: 'demo', account: '1', attempt: 1, startedAt: 0, finishedAt: 1, status: 'failed', error: { kind: 'rejected', message: '密码 s3cret 错误', retryable: false } },
      null,
    );
    expect(evidence.items[0]?.screenshot).toBe('01-login.png');
    expect(evidence.log[0]).toBe('2025-01-01T00:00:00.000Z typed [已隐藏]');
    const files = readFileSync(join(dir, 'log.txt'), 'utf8') + readFileSync(join(dir, 'evidence.json'), 'utf8');
    expect(files).not.toContain('s3cret');
    expect(JSON.parse(readFileSync(join(dir, 'evidence.json'), 'utf8'))).toMatchObject({ status: 'failed', error: { message: '密码 [已隐藏] 错误' } });
  });
});
