import { Alert, Descriptions, Tag } from 'antd';
import { useCallback, useState } from 'react';
import type { MethodOutput } from '../../../../../src-shared/contract/index.js';
import { formatFen } from '../../../../../src-shared/format.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';

export type SupplierGoods = MethodOutput<'suppliers.goods'>;

export type GoodsLookup =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'found'; goods: SupplierGoods }
  | { state: 'failed'; error: unknown };

/** 查询: asks the supplier what one of its product ids is (name, cost, on sale). */
export function useGoodsLookup() {
  const [lookup, setLookup] = useState<GoodsLookup>({ state: 'idle' });
  const run = useCallback(async (supplierId: number, supplierProductId: string) => {
    setLookup({ state: 'loading' });
    try {
      setLookup({ state: 'found', goods: await call('suppliers.goods', { id: supplierId, supplierProductId }) });
    } catch (error) {
      setLookup({ state: 'failed', error });
    }
  }, []);
  const clear = useCallback(() => setLookup({ state: 'idle' }), []);
  return { lookup, run, clear };
}

/** What the supplier answered about a product id: its name, the cost price, whether it is on sale. */
export function GoodsResult(props: { lookup: GoodsLookup }) {
  const t = useT();
  const errorText = useErrorText();
  const { lookup } = props;
  if (lookup.state === 'failed') return <Alert type="error" showIcon title={errorText(lookup.error)} data-testid="supplier-goods-result" />;
  if (lookup.state !== 'found') return null;
  const { goods } = lookup;
  return (
    <Descriptions
      size="small"
      column={2}
      bordered
      data-testid="supplier-goods-result"
      items={[
        { key: 'name', label: t('topup.goods.name'), span: 2, children: goods.name },
        { key: 'price', label: t('topup.goods.price'), children: <span data-testid="supplier-goods-price">{formatFen(goods.priceFen)}</span> },
        {
          key: 'onSale',
          label: t('topup.goods.onSale'),
          children: <Tag color={goods.onSale ? 'success' : 'default'}>{t(goods.onSale ? 'topup.goods.yes' : 'topup.goods.no')}</Tag>,
        },
        { key: 'kind', label: t('topup.goods.kind'), children: t(`topup.goods.kind.${goods.kind}`) },
        { key: 'face', label: t('topup.goods.faceValue'), children: goods.faceValueFen === null ? '—' : formatFen(goods.faceValueFen) },
      ]}
    />
  );
}
