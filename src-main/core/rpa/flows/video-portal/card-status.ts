// 查询卡密状态: asks the portal's public card lookup whether a card was redeemed, for after-sales (a buyer
// says "the key does not work"). The secret is typed into the page and never written to the run log.
import { FlowFailure, type Flow } from '../../types.js';
import { clickSubmit, need, openLoggedIn } from './browser.js';
import { CARD, PATHS } from './selectors.js';

export interface CardStatusInput {
  secret: string;
}

export type CardStatus = 'unused' | 'redeemed' | 'invalid' | 'unknown';

export interface CardStatusOutput {
  /** unknown: the portal says the card does not exist. */
  status: CardStatus;
  redeemedAt: number | null;
}

interface CardStatusState {
  status: CardStatus | null;
  redeemedAt: number | null;
}

const LABELS: Record<string, CardStatus> = {
  未使用: 'unused',
  已兑换: 'redeemed',
  已使用: 'redeemed',
  无效: 'invalid',
  已失效: 'invalid',
  不存在: 'unknown',
};

/** The portal's status words → our status; undefined for words the flow has never seen. */
export const parseCardStatus = (label: string): CardStatus | undefined => LABELS[label.trim()];

export const videoPortalCardStatus: Flow<CardStatusInput, CardStatusState, CardStatusOutput> = {
  name: 'video-portal-card-status',
  title: '查询卡密状态',
  portal: 'video-portal',
  initialState: () => ({ status: null, redeemedAt: null }),
  steps: [
    {
      name: 'open-card-status',
      title: '打开卡密查询页',
      run: (ctx) => openLoggedIn(ctx, PATHS.cardStatus, '卡密查询页'),
    },
    {
      name: 'fill-secret',
      title: '填写卡密',
      async run(ctx) {
        await (await need(ctx, CARD.secret)).fill(ctx.input.secret);
        ctx.note('已填写卡密（内容不记录）');
      },
    },
    {
      name: 'submit-query',
      title: '查询卡密状态',
      async run(ctx) {
        if ((await clickSubmit(ctx, await need(ctx, CARD.submit))) === 'no_answer') {
          throw new FlowFailure('timeout', '查询卡密状态时网站没有响应', true);
        }
        await need(ctx, CARD.result);
      },
    },
    {
      name: 'read-status',
      title: '读取卡密状态',
      async run(ctx, state) {
        const label = (await (await need(ctx, CARD.status)).innerText()).trim();
        const status = parseCardStatus(label);
        if (!status) throw new FlowFailure('layout_changed', `页面结构变了：看不懂卡密状态「${label}」`, false);
        state.status = status;
        const time = ctx.page.locator(CARD.redeemedAt).first();
        const datetime = status === 'redeemed' && (await time.count()) > 0 ? await time.getAttribute('datetime') : null;
        const at = datetime === null ? NaN : Date.parse(datetime);
        state.redeemedAt = Number.isNaN(at) ? null : at;
        ctx.note(`卡密状态：${label}`);
      },
    },
  ],
  output(state) {
    if (state.status === null) throw new FlowFailure('unknown', '流程结束了，但没有读到卡密状态', true);
    return { status: state.status, redeemedAt: state.redeemedAt };
  },
};
