// Supplier callbacks (POST /supplier-callback/<supplierId> on the server host). A callback is only a
// trigger: its signature is checked by the adapter, then the desk re-reads the order by info query, so
// a forged, replayed or stale callback can never mark a top-up done on its own.
import type { PushReply, PushRequest } from '../channels/types.js';
import { ChannelError } from '../channels/errors.js';
import type { Logger } from '../log/logger.js';
import type { Suppliers } from './suppliers/suppliers.js';
import type { TopupDesk } from './topup-desk.js';

const text = (status: number, body: string): PushReply => ({ status, contentType: 'text/plain; charset=utf-8', body });

export function receiveSupplierCallback(suppliers: Suppliers, desk: TopupDesk, log: Logger, supplierId: string, request: PushRequest): PushReply {
  const id = Number(supplierId);
  let row;
  try {
    row = suppliers.row(id);
  } catch {
    return text(404, 'unknown supplier');
  }
  const adapter = suppliers.adapterFor(row.kind);
  try {
    const callback = adapter.parseCallback(suppliers.credentials(row), request);
    const lineId = desk.callbackFor(callback.customerOrderNo);
    if (lineId === null) {
      // Not ours (another installation on the same supplier account, or a typo'd URL): say so, change nothing.
      log.warn({ supplierId: id }, 'supplier callback: unknown customer_order_no');
      return text(404, 'unknown order');
    }
    return adapter.callbackAck();
  } catch (err) {
    const kind = err instanceof ChannelError ? err.kind : 'bad_request';
    log.warn({ supplierId: id, kind }, 'supplier callback refused');
    return text(kind === 'bad_signature' ? 401 : 400, kind === 'bad_signature' ? 'bad signature' : 'bad request');
  }
}
