export { AfterSales, type AfterSalesDeps } from './after-sales.js';
export type { FixDone } from './fixes.js';
export type { LedgerEntry } from './ledger.js';
export type { BatchQuality } from './quality.js';
export { fixesFor, problemKindOf, type LineFacts, type LineIssue } from './problem-kinds.js';
export { swapKeys, shortageText, VOID_PREFIX, type SwapResult, type Shortage } from './swap-keys.js';
