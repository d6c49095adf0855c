import { Alert, App, Checkbox, Descriptions, Form, InputNumber, Modal, Select, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { OrderLine } from '../../../../../src-shared/contract/methods/orders.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';

interface MapFormValues {
  productId: number | undefined;
  quantity: number;
  wholeItem: boolean;
}

const FORM_FIELDS: readonly string[] = ['productId', 'quantity', 'wholeItem'];

/**
 * 关联商品: maps the platform item (or just this SKU) of an unmapped line to a product, so waiting
 * lines of it are dispatched now and later ones on their own. Mounted only while open.
 */
export function MapProductModal(props: { line: OrderLine; onClose(): void; onMapped(dispatched: number): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<MapFormValues>();
  useRevalidateOnLanguageChange(form);
  const products = useCall('products.list', {});
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { line } = props;

  const save = async (values: MapFormValues) => {
    if (values.productId === undefined) return;
    setSaving(true);
    setFormError(undefined);
    try {
      const result = await call('mappings.set', { lineId: line.id, productId: values.productId, quantity: values.quantity, wholeItem: values.wholeItem });
      message.success(t('orders.map.done', { count: result.dispatched }));
      props.onMapped(result.dispatched);
    } catch (err) {
      const issues = inputIssues(err).filter((i) => FORM_FIELDS.includes(i.field));
      form.setFields(issues.map((i) => ({ name: i.field as keyof MapFormValues, errors: [i.message] })));
      if (issues.length < inputIssues(err).length || issues.length === 0) setFormError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const options = (products.data ?? []).map((p) => ({
    value: p.id,
    label: t('orders.map.productOption', { name: p.name, code: p.code, available: p.stock.available.toLocaleString('zh-CN') }),
  }));

  return (
    <Modal
      open
      title={t('orders.map.title')}
      okText={t('orders.map.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'map-ok' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      width={560}
    >
      <Alert type="info" showIcon title={t('orders.map.explain')} style={{ marginBottom: 16 }} />
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'title', label: t('orders.map.item'), children: line.title },
          { key: 'sku', label: t('orders.line.sku'), children: line.skuId || '—' },
          { key: 'outer', label: t('orders.line.outerId'), children: line.outerId || '—' },
        ]}
      />
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      {products.error !== undefined && <Alert type="error" showIcon title={errorText(products.error)} style={{ marginBottom: 16 }} />}
      {products.data?.length === 0 && <Alert type="warning" showIcon title={t('orders.map.noProducts')} style={{ marginBottom: 16 }} />}
      <Form<MapFormValues> form={form} layout="vertical" initialValues={{ productId: undefined, quantity: 1, wholeItem: false }} onFinish={(v) => void save(v)}>
        <Form.Item name="productId" label={t('orders.map.product')} rules={[{ required: true, message: t('orders.map.productRequired') }]}>
          <Select
            options={options}
            loading={products.loading}
            placeholder={t('orders.map.productPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="map-product"
          />
        </Form.Item>
        <Form.Item
          name="quantity"
          label={t('orders.map.quantity')}
          extra={t('orders.map.quantityHelp')}
          rules={[{ required: true, type: 'number', min: 1, max: 100, message: t('orders.map.quantityRange') }]}
        >
          <InputNumber min={1} max={100} precision={0} prefix="×" style={{ width: 140 }} data-testid="map-quantity" />
        </Form.Item>
        <Form.Item name="wholeItem" valuePropName="checked" extra={t('orders.map.wholeItemHelp')} style={{ marginBottom: 0 }}>
          <Checkbox data-testid="map-whole-item">{t('orders.map.wholeItem')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
