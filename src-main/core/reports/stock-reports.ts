// 库存周转 and 供应商质量: the two reports read from stock and batches rather than the sales ledger alone.
export { inventoryReport } from './stock-turnover.js';
export { supplierReport } from './stock-suppliers.js';
