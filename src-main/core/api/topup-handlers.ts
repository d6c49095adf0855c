import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { Handlers } from './handlers.js';
import type { CoreServices } from '../services.js';
import { KeyDeskError, type TopupAttempt } from '../../../src-shared/contract/index.js';
import { parseRechargeAccount } from '../../../src-shared/recharge-account.js';
import { supplyOf } from '../topup/supply.js';

type TopupMethods =
  | 'suppliers.kinds' | 'suppliers.list' | 'suppliers.add' | 'suppliers.update' | 'suppliers.refreshBalance' | 'suppliers.goods'
  | 'portals.list' | 'portals.add' | 'portals.takeOver' | 'portals.resume'
  | 'supply.get' | 'supply.set'
  | 'topup.list' | 'topup.evidenceImage' | 'topup.setAccount' | 'topup.retry'
  | 'restock.list' | 'restock.set' | 'restock.remove' | 'restock.runNow';

interface AttemptView {
  id: number; lineId: number; orderId: number; platformOrderId: string; shopName: string; productName: string | null; attemptNo: number; route: 'supplier' | 'rpa';
  supplierName: string | null; portalName: string | null; accountMasked: string; state: TopupAttempt['state']; customerOrderNo: string; supplierOrderId: string | null;
  portalOrderNo: string | null; costFen: number | null; error: string | null; evidenceDir: string | null; startedAt: number; finishedAt: number | null;
}

/** 代充: thin bindings onto the top-up services. */
export function topupHandlers(s: CoreServices): Pick<Handlers, TopupMethods> {
  const t = s.topup;
  const evidenceOf = (dir: string | null): { items: TopupAttempt['evidence']; hasTrace: boolean } => {
    if (!dir) return { items: [], hasTrace: false };
    const root = join(s.dataDir, dir);
    if (!existsSync(root)) return { items: [], hasTrace: false };
    const items: TopupAttempt['evidence'] = [];
    let hasTrace = false;
    for (const attempt of readdirSync(root).filter((n) => n.startsWith('attempt-')).sort()) {
      const manifest = join(root, attempt, 'evidence.json');
      if (!existsSync(manifest)) continue;
      const m = JSON.parse(readFileSync(manifest, 'utf8')) as { items?: { screenshot: string | null; title: string; ok: boolean }[]; trace?: string | null };
      for (const item of m.items ?? []) if (item.screenshot) items.push({ file: `${attempt}/${item.screenshot}`, title: `${attempt.replace('attempt-', '第 ')} 次 · ${item.title}`, ok: item.ok });
      if (m.trace) hasTrace = true;
    }
    return { items, hasTrace };
  };
  return {
    'suppliers.kinds': () => Object.values(t.suppliers.adapters).map((a) => ({
      kind: a.kind, title: a.title,
      fields: a.credentialFields.map((f) => ({ key: f.key, label: f.label, required: f.required, secret: f.secret, ...(f.help && { help: f.help }) })),
    })),
    'suppliers.list': () => t.suppliers.list(),
    'suppliers.add': (input) => t.suppliers.add(input),
    'suppliers.update': (input) => t.suppliers.update(input),
    'suppliers.refreshBalance': (input) => t.suppliers.refreshBalance(input.id),
    'suppliers.goods': (input) => t.suppliers.goods(input.id, input.supplierProductId),
    'portals.list': () => t.portals.list(),
    'portals.add': (input) => t.portals.add(input),
    'portals.takeOver': async (input) => {
      const engine = t.rpa();
      if (!engine) return { opened: false, message: '没有找到 Edge / Chrome 浏览器，无法打开' };
      const account = t.portals.account(input.id);
      const handle = await engine.takeOver(account, `${account.baseUrl}/login`);
      void handle.closed.then(() => t.desk.resumePortal(input.id, 'owner'));
      return { opened: true, message: '已打开浏览器：处理完验证码或登录后关闭窗口，暂停的充值会自动继续' };
    },
    'portals.resume': (input) => ({ resumed: t.desk.resumePortal(input.id, 'owner') }),
    'supply.get': (input) => t.supplies.get(input.productId),
    'supply.set': (input) => {
      const saved = t.supplies.set(input);
      s.redemption.forget();
      return saved;
    },
    'topup.list': (input) => {
      const where: string[] = [];
      const params: (number | string)[] = [];
      if (input.lineId !== undefined) { where.push('a.line_id = ?'); params.push(input.lineId); }
      if (input.state) { where.push('a.state = ?'); params.push(input.state); }
      const rows = s.sqlite.prepare(`select a.id, a.line_id as lineId, l.order_id as orderId, l.platform_order_id as platformOrderId, sh.name as shopName, p.name as productName,
          a.attempt_no as attemptNo, a.route, su.name as supplierName, pa.name as portalName, a.account_masked as accountMasked, a.state, a.customer_order_no as customerOrderNo,
          a.supplier_order_id as supplierOrderId, a.portal_order_no as portalOrderNo, a.cost_fen as costFen, a.error, a.evidence_dir as evidenceDir, a.started_at as startedAt, a.finished_at as finishedAt
        from topup_attempts a join order_lines l on l.id = a.line_id join shops sh on sh.id = l.shop_id left join products p on p.id = l.product_id
        left join suppliers su on su.id = a.supplier_id left join portal_accounts pa on pa.id = a.portal_account_id
        ${where.length ? `where ${where.join(' and ')}` : ''} order by a.id desc limit ?`).all(...params, input.limit) as AttemptView[];
      const counts = Object.fromEntries((s.sqlite.prepare('select state, count(*) as n from topup_attempts group by state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
      return {
        attempts: rows.map(({ supplierName, portalName, evidenceDir, ...r }) => {
          const ev = evidenceOf(evidenceDir);
          return { ...r, via: supplierName ?? portalName ?? '', evidence: ev.items, hasTrace: ev.hasTrace };
        }),
        counts,
      };
    },
    'topup.evidenceImage': (input) => {
      const row = s.sqlite.prepare('select evidence_dir as dir from topup_attempts where id = ?').get(input.attemptId) as { dir: string | null } | undefined;
      const file = normalize(input.file);
      if (!row?.dir || file.startsWith('..') || file.includes('/../')) throw new KeyDeskError('NOT_FOUND', { attemptId: input.attemptId }, '没有这张截图');
      const path = join(s.dataDir, row.dir, file);
      if (!existsSync(path)) throw new KeyDeskError('NOT_FOUND', { file: input.file }, '截图文件已不存在');
      return { base64: readFileSync(path).toString('base64') };
    },
    'topup.setAccount': (input) => {
      const line = s.sqlite.prepare('select product_id from order_lines where id = ?').get(input.lineId) as { product_id: number | null } | undefined;
      const supply = line?.product_id ? supplyOf(s.sqlite, line.product_id) : undefined;
      return t.desk.setAccount(input.lineId, input.account, input.reason, (account) => {
        const parsed = parseRechargeAccount({ field: account }, supply?.account_rule ?? 'any', supply?.account_regex ?? null);
        return parsed.ok ? parsed : { ok: false, reason: parsed.reason.replace('买家填写的', '') };
      });
    },
    'topup.retry': (input) => t.desk.retry(input.lineId, input.reason),
    'restock.list': () => t.restock.list(),
    'restock.set': (input) => t.restock.setRule(input),
    'restock.remove': (input) => t.restock.removeRule(input.productId),
    'restock.runNow': (input) => t.restock.runNow(input.productId),
  };
}
