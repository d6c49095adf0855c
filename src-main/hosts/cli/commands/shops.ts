import { KeyDeskError, LINE_STATUS_TITLES, PLATFORM_TITLES, lineStatus, platform, type OrderLine, type Shop } from '../../../../src-shared/contract/index.js';
import { formatFen, formatTime } from '../../../../src-shared/format.js';
import type { Core } from '../../../core/index.js';
import type { Command } from '../command.js';
import { printResult, UsageError } from '../output.js';
import { withCore } from '../open-core.js';

/** Through the contract, so the CLI gets the same validation and Chinese field errors as the window. */
async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const envelope = await core.call(method, input);
  if (!envelope.ok) throw new KeyDeskError(envelope.error.code, envelope.error.details, envelope.error.message);
  return envelope.data as T;
}

const STATUS_WORDS: Record<Shop['status'], string> = { active: '正常', paused: '已暂停', needs_auth: '需重新授权', error: '出错' };

export const shopsAdd: Command = {
  path: ['shops', 'add'],
  summary: '添加店铺（授权信息加密保存），添加后自动测试连接',
  usage: 'keydesk shops add --platform taobao|pdd|doudian|youzan|weidian|site --name 名称 --app-key K --app-secret S [--token T] [--refresh-token R] [--shop-ref ID] [--endpoint URL] [--poll 秒] [--json]',
  options: {
    platform: { type: 'string' }, name: { type: 'string' }, 'app-key': { type: 'string' }, 'app-secret': { type: 'string' }, token: { type: 'string' },
    'refresh-token': { type: 'string' }, 'shop-ref': { type: 'string' }, endpoint: { type: 'string' }, poll: { type: 'string' },
  },
  async run({ dataDir, json, values }) {
    const parsed = platform.safeParse(values.platform);
    if (!parsed.success) throw new UsageError(`--platform 应为 ${platform.options.join('、')} 之一`);
    if (!values.name) throw new UsageError('需要 --name');
    return withCore(dataDir, async (core) => {
      const shop = await call<Shop>(core, 'shops.add', {
        platform: parsed.data,
        name: values.name,
        credentials: {
          appKey: values['app-key'] ?? '', appSecret: values['app-secret'] ?? '',
          ...(values.token !== undefined && { accessToken: values.token }),
          ...(values['refresh-token'] !== undefined && { refreshToken: values['refresh-token'] }),
          ...(values['shop-ref'] !== undefined && { shopRef: values['shop-ref'] }),
          ...(values.endpoint !== undefined && { endpoint: values.endpoint }),
        },
        ...(values.poll !== undefined && { pollSeconds: Number(values.poll) }),
      });
      const test = await call<{ ok: boolean; message: string }>(core, 'shops.test', { id: shop.id });
      printResult(json, { shop, test }, () => `已添加店铺 #${shop.id}「${shop.name}」（${PLATFORM_TITLES[shop.platform]}）。测试连接：${test.message}`);
      return test.ok ? 0 : 1;
    });
  },
};

export const shopsList: Command = {
  path: ['shops', 'list'],
  summary: '列出店铺及拉取状态',
  usage: 'keydesk shops list [--json]',
  async run({ dataDir, json }) {
    return withCore(dataDir, async (core) => {
      const shops = await call<Shop[]>(core, 'shops.list', {});
      printResult(json, shops, () =>
        shops.length === 0
          ? '还没有店铺。用 keydesk shops add 添加。'
          : shops.map((s) => `#${s.id}\t${PLATFORM_TITLES[s.platform]}\t${s.name}\t${STATUS_WORDS[s.status]}\t已读到 ${s.cursorAt ? formatTime(s.cursorAt) : '—'}${s.lastError ? `\t${s.lastError}` : ''}`).join('\n'),
      );
      return 0;
    });
  },
};

export const shopsTest: Command = {
  path: ['shops', 'test'],
  summary: '测试店铺连接（用保存的授权调用一次平台接口）',
  usage: 'keydesk shops test ID [--json]',
  async run({ dataDir, json, positionals }) {
    const id = Number(positionals[0]);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('需要店铺编号，例如 keydesk shops test 1（编号见 keydesk shops list）');
    return withCore(dataDir, async (core) => {
      const result = await call<{ ok: boolean; message: string; shopName?: string; ms: number }>(core, 'shops.test', { id });
      printResult(json, result, () => `${result.ok ? '成功' : '失败'}：${result.message}${result.shopName ? `（平台上的店铺：${result.shopName}）` : ''}，用时 ${result.ms} 毫秒`);
      return result.ok ? 0 : 1;
    });
  },
};

export const ordersList: Command = {
  path: ['orders', 'list'],
  summary: '列出订单行（最新在前）',
  usage: 'keydesk orders list [--shop ID] [--status 状态] [--problems] [--order 平台订单号] [--limit N] [--json]',
  options: { shop: { type: 'string' }, status: { type: 'string' }, problems: { type: 'boolean' }, order: { type: 'string' }, limit: { type: 'string' } },
  async run({ dataDir, json, values }) {
    if (values.status !== undefined && !lineStatus.safeParse(values.status).success) throw new UsageError(`--status 应为 ${lineStatus.options.join('、')} 之一`);
    return withCore(dataDir, async (core) => {
      const page = await call<{ lines: OrderLine[]; total: number; counts: Record<string, number> }>(core, 'orders.list', {
        ...(values.shop !== undefined && { shopId: Number(values.shop) }),
        ...(values.status !== undefined && { status: values.status }),
        ...(values.problems === true && { problems: true }),
        ...(values.order !== undefined && { platformOrderId: values.order }),
        limit: values.limit === undefined ? 100 : Number(values.limit),
      });
      printResult(json, page, () =>
        page.lines.length === 0
          ? '没有订单。'
          : [
              ...page.lines.map((l) => `${l.paidAt ? formatTime(l.paidAt) : '未付款'}\t${l.shopName}\t${l.platformOrderId}\t${l.title} ×${l.quantity}\t${formatFen(l.priceFen)}\t${LINE_STATUS_TITLES[l.status]}${l.lastError ? `\t${l.lastError}` : ''}`),
              `共 ${page.total} 行`,
            ].join('\n'),
      );
      return 0;
    });
  },
};
