import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Skeleton } from 'antd';
import { useState } from 'react';
import type { Product, ProductStock } from '../../../../src-shared/contract/methods/products.js';
import { ScreenEmpty } from '../../components/ScreenEmpty.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useCall } from '../../hooks/useCall.js';
import { useErrorText, useT } from '../../i18n/index.js';
import { useHashRoute } from '../../shell/useHashRoute.js';
import { ProductDetail } from './ProductDetail.js';
import { ProductFormDrawer } from './products/ProductFormDrawer.js';
import { ProductList } from './products/ProductList.js';
import { useInventoryChanged } from './useInventoryChanged.js';
import { ImportWizard } from './wizard/ImportWizard.js';

const LIST_WIDTH = 240;

/** 库存: products on the left, the selected one's keys, batches and imports on the right (`#/inventory/<id>`). */
export default function InventoryScreen() {
  const t = useT();
  const errorText = useErrorText();
  const [route, navigate] = useHashRoute();
  const products = useCall('products.list', {});
  useInventoryChanged(products.reload);
  const [editing, setEditing] = useState<Product | 'new'>();
  const [importing, setImporting] = useState<ProductStock>();
  const list = products.data;
  const selected = list?.find((p) => String(p.id) === route.section) ?? list?.[0];

  const drawer = (
    <ProductFormDrawer
      open={editing !== undefined}
      product={editing === 'new' ? undefined : editing}
      products={list ?? []}
      onClose={() => setEditing(undefined)}
      onSaved={(p) => {
        setEditing(undefined);
        products.reload();
        navigate('inventory', String(p.id));
      }}
    />
  );

  let content;
  if (!list) {
    content =
      products.error !== undefined ? (
        <Alert type="error" showIcon title={errorText(products.error)} action={<Button onClick={products.reload}>{t('common.retry')}</Button>} />
      ) : (
        <Skeleton active />
      );
  } else if (list.length === 0 || !selected) {
    content = (
      <ScreenEmpty
        title={t('inventory.empty.title')}
        description={t('inventory.empty.description')}
        extra={
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="product-new">
            {t('inventory.product.new')}
          </Button>
        }
        steps={[
          { title: t('inventory.step1.title'), content: t('inventory.step1.content') },
          { title: t('inventory.step2.title'), content: t('inventory.step2.content') },
          { title: t('inventory.step3.title'), content: t('inventory.step3.content') },
        ]}
      />
    );
  } else {
    content = (
      <Flex gap={16} align="flex-start">
        <div style={{ width: LIST_WIDTH, flex: 'none', position: 'sticky', top: 88 }}>
          <ProductList products={list} selectedId={selected.id} onSelect={(id) => navigate('inventory', String(id))} onNew={() => setEditing('new')} />
        </div>
        <div style={{ flex: 1, minWidth: 0 }} data-testid="product-detail">
          <ProductDetail
            key={selected.id}
            product={selected}
            onEdit={() => setEditing(selected)}
            onImport={() => setImporting(selected)}
            onArchived={() => {
              products.reload();
              navigate('inventory');
            }}
          />
        </div>
      </Flex>
    );
  }

  return (
    <ScreenPage id="inventory" wide>
      {content}
      {drawer}
      <ImportWizard product={importing} onClose={() => setImporting(undefined)} />
    </ScreenPage>
  );
}
