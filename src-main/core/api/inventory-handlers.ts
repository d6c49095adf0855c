import type { CoreServices } from '../services.js';
import type { Handlers } from './handlers.js';
import { exportKeys } from '../inventory/export-keys.js';
import { pinBatch } from '../inventory/batch-pins.js';

type InventoryMethods =
  | 'products.list' | 'products.save' | 'products.archive'
  | 'inventory.batches' | 'inventory.pinBatch' | 'inventory.keys' | 'inventory.revealKey' | 'inventory.voidKeys' | 'inventory.restoreKeys' | 'inventory.exportKeys'
  | 'inventory.previewImport' | 'inventory.import' | 'inventory.cancelImport' | 'inventory.discardUpload' | 'inventory.imports' | 'inventory.undoImport' | 'inventory.importProblems'
  | 'sync.list' | 'sync.save' | 'sync.remove' | 'sync.runNow';

/** 库存 and 商品: thin bindings from the contract to the inventory services. */
export function inventoryHandlers(s: CoreServices): Pick<Handlers, InventoryMethods> {
  const changed = (productIds: number[]) => {
    if (productIds.length) s.events.emit('inventory.changed', { productIds });
  };
  return {
    'products.list': (input) => s.products.list(input),
    'products.save': (input) => {
      const product = s.products.save(input);
      changed([product.id]);
      return product;
    },
    'products.archive': (input) => {
      const product = s.products.archive(input.id);
      changed([product.id]);
      return product;
    },

    'inventory.batches': (input) => s.stock.batches(input.productId),
    'inventory.pinBatch': (input) => pinBatch(s, input),
    'inventory.keys': (input) => s.stock.keysPage(input),
    'inventory.revealKey': (input) => s.keyActions.reveal(input.id, input.reason),
    'inventory.voidKeys': (input) => {
      const { productIds, ...result } = s.keyActions.void(input.ids, input.reason);
      changed(productIds);
      return result;
    },
    'inventory.restoreKeys': (input) => {
      const { productIds, ...result } = s.keyActions.restore(input.ids, input.reason);
      changed(productIds);
      return result;
    },
    'inventory.exportKeys': (input) => exportKeys({ sqlite: s.sqlite, vault: s.vault, files: s.files, audit: s.appendAudit }, input),

    'inventory.previewImport': (input) => s.imports.preview(input.source, input.sheet),
    'inventory.import': (input) => s.imports.run(input),
    'inventory.cancelImport': (input) => ({ cancelled: s.imports.cancel(input.jobId) }),
    'inventory.discardUpload': (input) => {
      s.files.removeUpload(input.uploadId);
      return { discarded: true };
    },
    'inventory.imports': (input) => s.imports.history(input.productId, input.limit),
    'inventory.undoImport': (input) => s.imports.undo(input.importId, input.reason),
    'inventory.importProblems': (input) => s.imports.problemsWorkbook(input.importId),

    'sync.list': (input) => s.sheetSyncs.list(input.productId),
    'sync.save': (input) => s.sheetSyncs.save(input),
    'sync.remove': (input) => ({ removed: s.sheetSyncs.remove(input.id) }),
    'sync.runNow': (input) => s.sheetSyncs.check(input.id),
  };
}
