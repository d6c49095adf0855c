import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Alert, Button, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Product, ProductStock } from '../../../../../src-shared/contract/methods/products.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { isYuan } from '../money.js';
import { FORM_FIELDS, formFieldOf, toFormValues, toProductInput, type ProductFormValues } from './product-form.js';
import { SupplySection, type SupplyHandle } from './SupplySection.js';

/** 新增 / 编辑商品. Server-side field problems land on the field they name. */
export function ProductFormDrawer(props: {
  open: boolean;
  product: Product | undefined;
  products: ProductStock[];
  onClose(): void;
  onSaved(product: Product): void;
}) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductFormValues>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const type = Form.useWatch('type', form);
  const supply = useRef<SupplyHandle>(null);
  useRevalidateOnLanguageChange(form);
  const { open, product } = props;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toFormValues(product));
  }, [open, product, form]);

  const close = () => {
    setFormError(undefined);
    props.onClose();
  };

  const yuanRule = (required: boolean) => ({
    validator: async (_: unknown, value: string | undefined) => {
      const text = (value ?? '').trim();
      if (text === '') {
        if (required) throw new Error(t('inventory.product.priceRequired'));
        return;
      }
      if (!isYuan(text)) throw new Error(t('inventory.money.invalid'));
    },
  });

  const save = async (values: ProductFormValues) => {
    if (supply.current && !(await supply.current.validate())) return;
    setSaving(true);
    setFormError(undefined);
    try {
      const saved = await call('products.save', toProductInput(values, product?.id));
      // Saving again re-saves both, so an edit stays open on a refused supply; a new product must not be created twice.
      if (supply.current && !(await supply.current.save(saved.id)) && product) return;
      message.success(t(product ? 'inventory.product.updated' : 'inventory.product.created', { name: saved.name }));
      setFormError(undefined);
      props.onSaved(saved);
    } catch (err) {
      const issues = inputIssues(err);
      const onForm = issues.filter((i) => FORM_FIELDS.includes(formFieldOf(i.field)[0] as string));
      // The server names fields by path; antd's typed paths cannot express a path built at run time.
      form.setFields(onForm.map((i) => ({ name: formFieldOf(i.field), errors: [i.message] })) as Parameters<typeof form.setFields>[0]);
      if (onForm.length === 0 || onForm.length < issues.length) setFormError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const componentOptions = props.products
    .filter((p) => p.id !== product?.id && p.type === 'card')
    .map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` }));

  return (
    <Drawer
      open={open}
      size={560}
      title={product ? t('inventory.product.editTitle', { name: product.name }) : t('inventory.product.newTitle')}
      onClose={close}
      // Kept mounted so the form instance is always connected; it is reset on every open instead.
      forceRender
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="product-save">
            {t('inventory.product.save')}
          </Button>
        </Space>
      }
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} scrollToFirstError>
        <Form.Item name="name" label={t('inventory.product.name')} rules={[{ required: true, whitespace: true, message: t('inventory.product.nameRequired') }]}>
          <Input maxLength={100} placeholder={t('inventory.product.namePlaceholder')} data-testid="product-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('inventory.product.code')}
          extra={t('inventory.product.codeHelp')}
          rules={[
            { required: true, whitespace: true, message: t('inventory.product.codeRequired') },
            { pattern: /^[\w.-]+$/, message: t('inventory.product.codePattern') },
          ]}
        >
          <Input maxLength={40} placeholder="iqiyi-gold-month" data-testid="product-code" />
        </Form.Item>
        <Form.Item name="type" label={t('inventory.product.type')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'card', label: t('inventory.type.card') },
              { value: 'direct', label: t('inventory.type.direct') },
              { value: 'combo', label: t('inventory.type.combo') },
            ]}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
          {t(type === 'direct' ? 'inventory.type.directHelp' : type === 'combo' ? 'inventory.type.comboHelp' : 'inventory.type.cardHelp')}
        </Typography.Paragraph>
        {type === 'combo' && <ComponentsField options={componentOptions} />}
        <Space size="large" align="start" wrap>
          <Form.Item name="price" label={t('inventory.product.price')} rules={[yuanRule(true)]} style={{ width: 220 }} required>
            <Input prefix="¥" suffix={t('inventory.money.yuan')} inputMode="decimal" placeholder="29.90" data-testid="product-price" />
          </Form.Item>
          <Form.Item name="faceValue" label={t('inventory.product.faceValue')} rules={[yuanRule(false)]} style={{ width: 220 }}>
            <Input prefix="¥" suffix={t('inventory.money.yuan')} inputMode="decimal" placeholder="30.00" data-testid="product-face-value" />
          </Form.Item>
        </Space>
        {type !== 'direct' && (
          <Form.Item name="lowStockThreshold" label={t('inventory.product.lowStock')} extra={t('inventory.product.lowStockHelp')}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 220 }} data-testid="product-low-stock" />
          </Form.Item>
        )}
        {type === 'card' && (
          <Form.Item name="reusable" label={t('inventory.product.reusable')} valuePropName="checked" extra={t('inventory.product.reusableHelp')}>
            <Switch />
          </Form.Item>
        )}
        <Form.Item
          name="deliveryTemplate"
          label={t('inventory.product.template')}
          extra={t('inventory.product.templateHelp')}
          rules={[{ max: 2000, message: t('inventory.product.templateTooLong') }]}
        >
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} placeholder={t('inventory.product.templateDefault')} maxLength={2000} />
        </Form.Item>
      </Form>
      {open && <SupplySection key={product?.id ?? 'new'} ref={supply} productId={product?.id} type={type ?? product?.type ?? 'card'} />}
    </Drawer>
  );
}

/** What a combo contains: which card products and how many keys of each per order. */
function ComponentsField(props: { options: { value: number; label: string }[] }) {
  const t = useT();
  return (
    <Form.Item label={t('inventory.product.components')} required>
      <Form.List name="components">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item name={[field.name, 'productId']} rules={[{ required: true, message: t('inventory.product.componentRequired') }]} style={{ width: 320, marginBottom: 8 }}>
                  <Select options={props.options} placeholder={t('inventory.product.componentPick')} showSearch={{ optionFilterProp: 'label' }} />
                </Form.Item>
                <Form.Item name={[field.name, 'quantity']} style={{ marginBottom: 8 }}>
                  <InputNumber min={1} max={100} precision={0} prefix="×" style={{ width: 100 }} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('inventory.product.componentRemove')} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} disabled={props.options.length === 0}>
              {t('inventory.product.componentAdd')}
            </Button>
            {props.options.length === 0 && <Typography.Paragraph type="secondary">{t('inventory.product.componentNone')}</Typography.Paragraph>}
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}
