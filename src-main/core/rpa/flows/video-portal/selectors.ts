// Where things are on the video portal. Each element a step needs carries the Chinese name used in a
// layout_changed failure, so the owner reads 找不到「充值账号」输入框 rather than a CSS selector.

export interface Target {
  css: string;
  /** How the owner would name it: 「充值账号」输入框. */
  label: string;
}

export const PATHS = {
  recharge: '/recharge',
  history: '/history',
  cardStatus: '/card-status',
} as const;

export const LOGIN = {
  form: '#login-form',
  username: { css: '#login-username', label: '「账号」输入框' },
  password: { css: '#login-password', label: '「密码」输入框' },
  submit: { css: '#login-submit', label: '「登录」按钮' },
  error: '#login-error',
  captcha: '#captcha-box',
  /** In the header of every page once logged in. */
  currentUser: { css: '#current-user', label: '页头的当前登录账号' },
} as const satisfies Record<string, Target | string>;

export const RECHARGE = {
  account: { css: '#recharge-account', label: '「充值账号」输入框' },
  package: { css: '#recharge-package', label: '「套餐」下拉框' },
  submit: { css: '#recharge-submit', label: '「立即充值」按钮' },
  orderNo: { css: '#order-no', label: '充值结果里的「订单号」' },
  refusal: '#recharge-error',
  busy: '#busy-notice',
} as const satisfies Record<string, Target | string>;

export const HISTORY = {
  table: { css: '#history-table', label: '「充值记录」表格' },
  rows: '#history-table tbody tr[data-order-no]',
} as const satisfies Record<string, Target | string>;

export const CARD = {
  secret: { css: '#card-status-secret', label: '卡密查询的「卡密」输入框' },
  submit: { css: '#card-status-submit', label: '卡密查询的「查询」按钮' },
  result: { css: '#card-status-result', label: '卡密查询结果' },
  status: { css: '#card-status-label', label: '卡密查询结果里的「状态」' },
  redeemedAt: '#card-status-redeemed-at time',
} as const satisfies Record<string, Target | string>;
