import { Flex, Input, Modal, Typography } from 'antd';
import type { Supplier } from '../../../../../src-shared/contract/methods/topup.js';
import { useT } from '../../../i18n/index.js';
import { GoodsResult, useGoodsLookup } from './GoodsResult.js';

/** 查询商品: type the supplier's product id, see its name, cost price and whether it is on sale. */
export function GoodsLookupModal(props: { supplier: Supplier; onClose(): void }) {
  const t = useT();
  const goods = useGoodsLookup();
  return (
    <Modal open title={t('topup.goods.title', { name: props.supplier.name })} footer={null} onCancel={props.onClose} width={560} data-testid="supplier-goods-modal">
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('topup.goods.explain')}</Typography.Text>
        <Input.Search
          autoFocus
          maxLength={100}
          placeholder={t('topup.goods.placeholder')}
          enterButton={t('topup.goods.query')}
          loading={goods.lookup.state === 'loading'}
          onSearch={(value) => {
            if (value.trim()) void goods.run(props.supplier.id, value.trim());
          }}
          data-testid="supplier-goods-id"
        />
        <GoodsResult lookup={goods.lookup} />
      </Flex>
    </Modal>
  );
}
