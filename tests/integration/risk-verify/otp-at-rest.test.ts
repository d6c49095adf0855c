// After codes went out by SMS and to a 独立站, were mistyped, resent and finally passed, none of them may
// appear anywhere KeyDesk keeps bytes: the database, its WAL and shared memory, and the logs.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsTo, startWorld, useSandboxSms, verifyHold, type World } from './harness.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => world.close());

function bytesOnDisk(dataDir: string): { file: string; bytes: Buffer }[] {
  const db = readdirSync(dataDir).filter((f) => f.startsWith('keydesk.db')).map((f) => join(dataDir, f));
  const logs = existsSync(join(dataDir, 'logs')) ? readdirSync(join(dataDir, 'logs')).map((f) => join(dataDir, 'logs', f)) : [];
  return [...db, ...logs].map((file) => ({ file, bytes: readFileSync(file) }));
}

/**
 * Where `code` appears as a number of its own (not inside a longer run of digits such as a timestamp),
 * in UTF-8 or UTF-16.
 */
function standaloneHits(bytes: Buffer, code: string): number[] {
  const hits: number[] = [];
  for (const [encoding, width] of [['utf8', 1], ['utf16le', 2]] as const) {
    const needle = Buffer.from(code, encoding);
    const digitAt = (i: number) => i >= 0 && i + width <= bytes.length && bytes[i]! >= 0x30 && bytes[i]! <= 0x39 && (width === 1 || bytes[i + 1] === 0);
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) {
      if (!digitAt(at - width) && !digitAt(at + needle.length)) hits.push(at);
    }
  }
  return hits;
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('verification codes at rest', () => {
  it('never appear in the database, WAL or logs after sends, wrong tries, a resend and passes', async () => {
    useSandboxSms(world);
    const verification = world.core.services.risk.verification;
    const codes: string[] = [];

    const sms = await verifyHold(world, 'youzan', { phone: '13500000001' });
    codes.push((await smsTo(world, '13500000001'))[0]!.code!);
    verification.submit(sms.lineId, wrongCode(codes[0]!), 'owner');
    world.advance(61_000);
    await verification.send(sms.lineId);
    codes.push((await smsTo(world, '13500000001'))[1]!.code!);
    verification.submit(sms.lineId, codes[0]!, 'owner');
    expect(verification.submit(sms.lineId, codes[1]!, 'owner').passed).toBe(true);

    const site = await verifyHold(world, 'site', { phone: '13500000002' });
    const { codes: sent } = await world.control<{ codes: { code: string }[] }>('site/verifyCodes', { orderId: site.orderId });
    codes.push(sent[0]!.code);
    await world.control('site/buyerEntersCode', { orderId: site.orderId, code: wrongCode(sent[0]!.code) });
    const passed = await world.control<{ reply: { passed: boolean } }>('site/buyerEntersCode', { orderId: site.orderId, code: sent[0]!.code });
    expect(passed.reply.passed).toBe(true);
    await verification.idle();
    await world.core.services.orders.outbox.idle();
    // A careless log call elsewhere must not be the way it leaks either: the state view carries no code.
    world.core.services.log.info({ verify: verification.state(sms.lineId) }, 'test: state logged');

    const files = bytesOnDisk(world.core.services.dataDir);
    expect(files.some((f) => f.file.endsWith('-wal') && f.bytes.length > 0)).toBe(true);
    const log = files.find((f) => f.file.endsWith('keydesk.log'))!;
    expect(log.bytes.toString('utf8')).toContain('sendCode: sent');
    expect(new Set(codes).size).toBe(3);
    for (const { file, bytes } of files) {
      for (const code of codes) expect(standaloneHits(bytes, code), `${code} in ${file}`).toEqual([]);
    }
    // The scan itself finds a code when one is there.
    expect(standaloneHits(Buffer.from(`{"code":"${codes[0]}"}`), codes[0]!)).toHaveLength(1);
    expect(standaloneHits(Buffer.from(`ts 17${codes[0]}12`), codes[0]!)).toHaveLength(0);
  });
});
