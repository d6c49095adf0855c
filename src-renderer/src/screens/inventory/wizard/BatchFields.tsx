import { DatePicker, Form, Input, InputNumber, Radio, Space, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../i18n/index.js';
import { isYuan } from '../money.js';

/** The batch form as antd holds it: days as Dayjs until submitted. */
export interface BatchFormValues {
  supplier: string;
  unitCost: string;
  purchased: Dayjs | null;
  expiry: Dayjs | null;
  priority: number;
  note: string;
  mode: 'all' | 'partial';
}

/** Step 2, lower half: who sold this batch, what it cost, when it expires, and the import rule. */
export function BatchFields(props: { form: FormInstance<BatchFormValues> }) {
  const t = useT();
  return (
    <Form form={props.form} layout="vertical" initialValues={{ supplier: '', unitCost: '', purchased: null, expiry: null, priority: 0, note: '', mode: 'all' }}>
      <Space size={[16, 0]} wrap align="start">
        <Form.Item name="supplier" label={t('inventory.batch.supplier')} style={{ width: 200 }}>
          <Input maxLength={100} placeholder={t('inventory.batch.supplierPlaceholder')} data-testid="batch-supplier" />
        </Form.Item>
        <Form.Item
          name="unitCost"
          label={t('inventory.batch.unitCost')}
          style={{ width: 160 }}
          rules={[{ validator: async (_, v: string) => { if (v && v.trim() !== '' && !isYuan(v)) throw new Error(t('inventory.money.invalid')); } }]}
          tooltip={t('inventory.batch.unitCostHelp')}
        >
          <Input prefix="¥" suffix={t('inventory.money.yuan')} inputMode="decimal" placeholder="0.00" data-testid="batch-unit-cost" />
        </Form.Item>
        <Form.Item name="purchased" label={t('inventory.batch.purchased')} style={{ width: 160 }}>
          <DatePicker style={{ width: '100%' }} placeholder={t('inventory.batch.today')} />
        </Form.Item>
        <Form.Item name="expiry" label={t('inventory.batch.expiry')} style={{ width: 160 }} tooltip={t('inventory.batch.expiryHelp')}>
          <DatePicker style={{ width: '100%' }} placeholder={t('inventory.batch.noExpiry')} />
        </Form.Item>
        <Form.Item name="priority" label={t('inventory.batch.priority')} style={{ width: 110 }} tooltip={t('inventory.batch.priorityHelp')}>
          <InputNumber min={-100} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('inventory.batch.note')} style={{ width: 260 }}>
          <Input maxLength={500} />
        </Form.Item>
      </Space>
      <Form.Item name="mode" label={t('inventory.import.mode')} style={{ marginBottom: 0 }}>
        <Radio.Group>
          <Space orientation="vertical" size={4}>
            <Radio value="all" data-testid="import-mode-all">
              {t('inventory.import.modeAll')} <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('inventory.import.modeAllHelp')}</span>
            </Radio>
            <Radio value="partial" data-testid="import-mode-partial">
              {t('inventory.import.modePartial')} <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('inventory.import.modePartialHelp')}</span>
            </Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
    </Form>
  );
}
