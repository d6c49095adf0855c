import type { Handlers } from './handlers.js';
import type { CoreServices } from '../services.js';

type AfterSalesMethods =
  | 'aftersales.queue' | 'aftersales.ledger' | 'aftersales.reportInvalid' | 'aftersales.resend' | 'aftersales.replace' | 'aftersales.checkRedemption'
  | 'aftersales.markRedeemed' | 'aftersales.recordRefund' | 'aftersales.claim' | 'aftersales.resolve'
  | 'redemption.checkNow' | 'redemption.summary' | 'batches.quality';

/** 售后 and 核销: thin bindings. */
export function afterSalesHandlers(s: CoreServices): Pick<Handlers, AfterSalesMethods> {
  const a = s.afterSales;
  const r = s.redemption;
  return {
    'aftersales.queue': (input) => a.queue(input),
    'aftersales.ledger': (input) => a.ledger(input.lineId),
    'aftersales.reportInvalid': (input) => a.reportInvalid(input.lineId, input.reason),
    'aftersales.resend': (input) => a.resend(input.lineId, input.reason),
    'aftersales.replace': (input) => a.replace(input.lineId, input.reason, input.keyIds),
    'aftersales.checkRedemption': async (input) => {
      const result = await r.checkLine(input.lineId);
      return { ok: result.ok, message: result.message };
    },
    'aftersales.markRedeemed': (input) => a.markRedeemed(input.lineId, input.reason),
    'aftersales.recordRefund': (input) => a.recordRefund(input.lineId, input.amountFen, input.reason),
    'aftersales.claim': (input) => a.claim(input.lineId, input.keyIds, input.reason),
    'aftersales.resolve': (input) => a.resolve(input.lineId, input.reason),
    'redemption.checkNow': (input) => r.checkNow(input.productId),
    'redemption.summary': () => r.summary(),
    'batches.quality': (input) => a.batchQuality(input.productId),
  };
}
