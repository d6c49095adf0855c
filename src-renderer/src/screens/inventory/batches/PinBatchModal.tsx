import { Alert, App, DatePicker, Form, Modal, Select, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { Batch } from '../../../../../src-shared/contract/methods/inventory.js';
import type { Shop } from '../../../../../src-shared/contract/methods/shops.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { rangeOf, rangeToMs, type PickedRange } from './pin.js';

interface PinFormValues {
  /** undefined = 不限店铺 (the select was cleared). */
  shopId: number | undefined;
  range: PickedRange;
}

/**
 * 设置专用: pins one batch to a shop and/or a campaign (orders paid in [from, to), Beijing time). Both
 * empty makes it 通用 again. Stays open with the problem shown when saving fails. Mount it afresh (a new
 * `key`) for each opening: the form starts from the batch's current pin.
 */
export function PinBatchModal(props: {
  open: boolean;
  batch: Batch;
  shops: Shop[];
  shopsLoading: boolean;
  shopsError: unknown;
  onSaved(batch: Batch): void;
  onClose(): void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<PinFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const { batch } = props;

  const submit = async () => {
    const values = await form.validateFields();
    // An untouched range goes back exactly as stored (the picker only holds whole minutes).
    const { from, to } = form.isFieldTouched('range') ? rangeToMs(values.range) : { from: batch.pinFrom, to: batch.pinTo };
    setBusy(true);
    setError(undefined);
    try {
      const saved = await call('inventory.pinBatch', { batchId: batch.id, shopId: values.shopId ?? null, from, to });
      message.success(t('inventory.batches.pin.saved', { id: batch.id }));
      props.onSaved(saved);
      props.onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const shopOptions = props.shops.map((s) => ({ value: s.id, label: `${s.name}（${t(`shops.platform.${s.platform}`)}）` }));
  const pinnedShopId = batch.pinShopId;
  if (pinnedShopId !== null && !props.shops.some((s) => s.id === pinnedShopId)) {
    shopOptions.push({ value: pinnedShopId, label: t('inventory.batches.pin.unknownShop', { id: pinnedShopId }) });
  }

  return (
    <Modal
      open={props.open}
      title={t('inventory.batches.pin.title', { id: batch.id })}
      okText={t('inventory.batches.pin.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'pin-batch-ok' } as ButtonProps}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={props.onClose}
      destroyOnHidden
      data-testid="pin-batch-modal"
    >
      <Alert type="info" showIcon title={t('inventory.batches.pin.explain')} style={{ marginBottom: 16 }} />
      {props.shopsError !== undefined && <Alert type="warning" showIcon title={errorText(props.shopsError)} style={{ marginBottom: 16 }} />}
      <Form<PinFormValues> form={form} layout="vertical" initialValues={{ shopId: batch.pinShopId ?? undefined, range: rangeOf(batch) }}>
        <Form.Item name="shopId" label={t('inventory.batches.pin.shop')} extra={t('inventory.batches.pin.shopHelp')}>
          <Select<number>
            allowClear
            placeholder={t('inventory.batches.pin.anyShop')}
            loading={props.shopsLoading}
            options={shopOptions}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="pin-batch-shop"
          />
        </Form.Item>
        <Form.Item
          name="range"
          label={`${t('inventory.batches.pin.campaign')}${t('common.beijingTime')}`}
          extra={t('inventory.batches.pin.campaignHelp')}
          rules={[
            {
              validator: async (_, v: PickedRange) => {
                const { from, to } = rangeToMs(v);
                if (from !== null && to !== null && from >= to) throw new Error(t('inventory.batches.pin.rangeOrder'));
              },
            },
          ]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[true, true]}
            placeholder={[t('inventory.batches.pin.from'), t('inventory.batches.pin.to')]}
            style={{ width: '100%' }}
            data-testid="pin-batch-range"
          />
        </Form.Item>
      </Form>
      {error !== undefined && <Alert type="error" showIcon title={errorText(error)} data-testid="pin-batch-error" />}
    </Modal>
  );
}
