// The portal password is typed into the portal, and must appear nowhere in what KeyDesk keeps or shows.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readZip, secretForms } from '../../../src-main/core/rpa/trace-scrub.js';
import { FlowFailure } from '../../../src-main/core/rpa/types.js';
import { account, flow, startPortal, step, testEngine, type Portal } from './harness.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(() => portal.close());

const PASSWORD = 'Kd#Pass "2024"!';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

it('the password is in no evidence file (trace entries included), no result and no log line', async () => {
  const { engine, evidenceRoot, logLines } = await testEngine();
  // A careless flow: types the password, submits it in a form body, notes it and quotes it in its error.
  const careless = flow('demo-login-form', [
    step('open', '打开登录页', async ({ page }) => {
      await page.goto(`${portal.url}/form`);
    }),
    step('fill', '填写账号密码', async ({ page, account: acc, note }) => {
      await page.fill('#account', acc.username);
      await page.fill('#password', acc.password);
      note(`用密码 ${acc.password} 登录`);
    }),
    step('submit', '登录', async ({ page, account: acc }) => {
      await page.click('#submit');
      throw new FlowFailure('rejected', `网站拒绝了密码 ${acc.password}`, false);
    }),
  ]);
  const result = await engine.run({ id: 'secret-1', flow: careless, input: {}, account: account('1', portal.url, PASSWORD) });
  expect(result.status).toBe('failed');
  expect(result.evidence.trace).toBe('trace.zip');

  const forms = secretForms(PASSWORD);
  const files = filesUnder(evidenceRoot);
  expect(files.length).toBeGreaterThan(4);
  let tracesSeen = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const f of forms) expect(bytes.includes(f), `${file} holds the password`).toBe(false);
    if (!file.endsWith('trace.zip')) continue;
    tracesSeen++;
    const entries = readZip(bytes);
    for (const entry of entries) for (const f of forms) expect(entry.data.includes(f), `${entry.name} in ${file} holds the password`).toBe(false);
    // The trace did record the typing; it was scrubbed, not skipped.
    expect(entries.some((e) => e.data.includes('[已隐藏]'))).toBe(true);
  }
  expect(tracesSeen).toBe(1);
  expect(JSON.stringify(result)).not.toContain(PASSWORD);
  if (result.status === 'failed') expect(result.error.message).toBe('网站拒绝了密码 [已隐藏]');
  expect(logLines.length).toBeGreaterThan(0);
  expect(logLines.join('\n')).not.toContain(PASSWORD);
});
