import { Alert, Card, Tabs } from 'antd';
import { useState } from 'react';
import type { ProductStock } from '../../../../src-shared/contract/methods/products.js';
import { useCall } from '../../hooks/useCall.js';
import { useErrorText, useT } from '../../i18n/index.js';
import { BatchesTab } from './batches/BatchesTab.js';
import { ImportHistoryTab } from './imports/ImportHistoryTab.js';
import { KeysTab } from './keys/KeysTab.js';
import { SyncTab } from './sync/SyncTab.js';
import type { KeyFilterValues } from './keys/KeyFilters.js';
import { ProductHeader } from './products/ProductHeader.js';
import { useInventoryChanged } from './useInventoryChanged.js';

const NO_FILTER: KeyFilterValues = { status: undefined, batchId: undefined, cardNo: '' };

/** The right-hand side of 库存: one product's header and its keys, batches, import history and synced sheets. */
export function ProductDetail(props: { product: ProductStock; onEdit(): void; onImport(): void; onArchived(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { product } = props;
  const [tab, setTab] = useState('keys');
  const [keyFilter, setKeyFilter] = useState<KeyFilterValues>(NO_FILTER);
  const batches = useCall('inventory.batches', { productId: product.id });
  useInventoryChanged(batches.reload, product.id);

  const body =
    product.type === 'card' ? (
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'keys',
            label: <span data-testid="inventory-tab-keys">{t('inventory.tab.keys')}</span>,
            children: <KeysTab productId={product.id} batches={batches.data ?? []} filter={keyFilter} onFilterChange={setKeyFilter} />,
          },
          {
            key: 'batches',
            label: <span data-testid="inventory-tab-batches">{t('inventory.tab.batches', { count: batches.data?.length ?? 0 })}</span>,
            children: (
              <>
                {batches.error !== undefined && <Alert type="error" showIcon title={errorText(batches.error)} style={{ marginBottom: 8 }} />}
                <BatchesTab
                  batches={batches.data ?? []}
                  loading={batches.loading}
                  onPinned={batches.reload}
                  onShowKeys={(batchId) => {
                    setKeyFilter({ ...NO_FILTER, batchId });
                    setTab('keys');
                  }}
                />
              </>
            ),
          },
          {
            key: 'imports',
            label: <span data-testid="inventory-tab-imports">{t('inventory.tab.imports')}</span>,
            children: <ImportHistoryTab productId={product.id} />,
          },
          {
            key: 'sync',
            label: <span data-testid="inventory-tab-sync">{t('inventory.sync.tab')}</span>,
            children: <SyncTab productId={product.id} />,
          },
        ]}
      />
    ) : (
      <Alert type="info" showIcon title={t(product.type === 'direct' ? 'inventory.type.directHelp' : 'inventory.type.comboHelp')} />
    );

  return (
    <>
      <ProductHeader product={product} onEdit={props.onEdit} onImport={props.onImport} onArchived={props.onArchived} />
      <Card variant="borderless" style={{ marginTop: 16 }} styles={{ body: { padding: '8px 20px 20px' } }}>
        {body}
      </Card>
    </>
  );
}
