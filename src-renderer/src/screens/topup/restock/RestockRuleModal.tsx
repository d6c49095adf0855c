import { Alert, App, Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Switch, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { ProductStock } from '../../../../../src-shared/contract/methods/products.js';
import type { Supplier } from '../../../../../src-shared/contract/methods/topup.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { fenToYuan, isYuan, yuanToFen } from '../../inventory/money.js';
import type { RestockRuleRow } from '../labels.js';
import { GoodsResult, useGoodsLookup } from '../suppliers/GoodsResult.js';

interface RuleFormValues {
  productId: number | undefined;
  supplierId: number | undefined;
  supplierProductId: string;
  threshold: number;
  buyCount: number;
  dailyBudget: string;
  enabled: boolean;
}

const serverToForm: Record<string, keyof RuleFormValues> = { dailyBudgetFen: 'dailyBudget' };
const FORM_FIELDS: readonly string[] = ['productId', 'supplierId', 'supplierProductId', 'threshold', 'buyCount', 'dailyBudget', 'enabled'];

function initialValues(rule: RestockRuleRow | undefined): RuleFormValues {
  if (!rule) return { productId: undefined, supplierId: undefined, supplierProductId: '', threshold: 10, buyCount: 20, dailyBudget: '', enabled: true };
  return { ...rule, dailyBudget: fenToYuan(rule.dailyBudgetFen) };
}

/**
 * 新增 / 编辑自动补货规则: when a card product's available stock falls to the threshold, buy this many
 * keys from the supplier, never spending more than the daily budget.
 */
export function RestockRuleModal(props: { rule: RestockRuleRow | undefined; products: ProductStock[]; suppliers: Supplier[]; taken: number[]; onClose(): void; onSaved(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleFormValues>();
  useRevalidateOnLanguageChange(form);
  const goods = useGoodsLookup();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const { rule } = props;

  const save = async (v: RuleFormValues) => {
    if (v.productId === undefined || v.supplierId === undefined) return;
    setSaving(true);
    setFormError(undefined);
    try {
      await call('restock.set', {
        productId: v.productId,
        supplierId: v.supplierId,
        supplierProductId: v.supplierProductId.trim(),
        threshold: v.threshold,
        buyCount: v.buyCount,
        dailyBudgetFen: yuanToFen(v.dailyBudget),
        enabled: v.enabled,
      });
      message.success(t('topup.restock.saved'));
      props.onSaved();
    } catch (err) {
      const issues = inputIssues(err);
      const onForm = issues.filter((i) => FORM_FIELDS.includes(serverToForm[i.field] ?? i.field));
      form.setFields(onForm.map((i) => ({ name: serverToForm[i.field] ?? (i.field as keyof RuleFormValues), errors: [i.message] })));
      if (onForm.length === 0 || onForm.length < issues.length) setFormError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const lookup = () => {
    const supplierId = form.getFieldValue('supplierId') as number | undefined;
    const id = (form.getFieldValue('supplierProductId') as string | undefined)?.trim();
    if (supplierId !== undefined && id) void goods.run(supplierId, id);
    else void form.validateFields(['supplierId', 'supplierProductId']).catch(() => undefined);
  };

  const productOptions = props.products
    .filter((p) => p.type === 'card' && (p.id === rule?.productId || !props.taken.includes(p.id)))
    .map((p) => ({ value: p.id, label: t('topup.restock.productOption', { name: p.name, available: p.stock.available.toLocaleString('zh-CN') }) }));

  return (
    <Modal
      open
      title={t(rule ? 'topup.restock.editTitle' : 'topup.restock.newTitle')}
      okText={t('topup.restock.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: saving, 'data-testid': 'restock-save' } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      width={600}
      data-testid="restock-modal"
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<RuleFormValues> form={form} layout="vertical" initialValues={initialValues(rule)} onFinish={(v) => void save(v)}>
        <Form.Item name="productId" label={t('topup.restock.product')} extra={t('topup.restock.productHelp')} rules={[{ required: true, message: t('topup.restock.productRequired') }]}>
          <Select options={productOptions} disabled={rule !== undefined} showSearch={{ optionFilterProp: 'label' }} placeholder={t('topup.restock.productPlaceholder')} data-testid="restock-product" />
        </Form.Item>
        <Form.Item name="supplierId" label={t('topup.restock.supplier')} rules={[{ required: true, message: t('topup.restock.supplierRequired') }]}>
          <Select options={props.suppliers.map((s) => ({ value: s.id, label: s.name }))} placeholder={t('topup.restock.supplierPlaceholder')} onChange={goods.clear} data-testid="restock-supplier" />
        </Form.Item>
        <Form.Item label={t('topup.restock.supplierProductId')} required>
          <Flex gap={8}>
            <Form.Item name="supplierProductId" noStyle rules={[{ required: true, whitespace: true, message: t('topup.restock.supplierProductRequired') }]}>
              <Input maxLength={100} placeholder={t('topup.goods.placeholder')} onChange={goods.clear} data-testid="restock-supplier-product" />
            </Form.Item>
            <Button onClick={lookup} loading={goods.lookup.state === 'loading'} data-testid="restock-goods-query">
              {t('topup.goods.query')}
            </Button>
          </Flex>
        </Form.Item>
        <div style={{ marginTop: -8, marginBottom: 16 }}>
          <GoodsResult lookup={goods.lookup} />
        </div>
        <Space size="large" align="start" wrap>
          <Form.Item name="threshold" label={t('topup.restock.threshold')} tooltip={t('topup.restock.thresholdHelp')} rules={[{ required: true, type: 'number', min: 0, message: t('topup.restock.thresholdRange') }]}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: 150 }} data-testid="restock-threshold" />
          </Form.Item>
          <Form.Item name="buyCount" label={t('topup.restock.buyCount')} rules={[{ required: true, type: 'number', min: 1, max: 10_000, message: t('topup.restock.buyCountRange') }]}>
            <InputNumber min={1} max={10_000} precision={0} style={{ width: 150 }} data-testid="restock-buy-count" />
          </Form.Item>
          <Form.Item
            name="dailyBudget"
            label={t('topup.restock.budget')}
            tooltip={t('topup.restock.budgetHelp')}
            required
            rules={[{ validator: async (_, v: string | undefined) => { if (!isYuan(v ?? '')) throw new Error(t('inventory.money.invalid')); } }]}
          >
            <Input prefix="¥" suffix={t('inventory.money.yuan')} inputMode="decimal" placeholder="500.00" style={{ width: 180 }} data-testid="restock-budget" />
          </Form.Item>
        </Space>
        <Form.Item name="enabled" label={t('topup.restock.enabled')} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
