import { Form, Input, InputNumber, Modal, Radio, Switch } from 'antd';
import { useEffect, useState } from 'react';
import type { SheetSync } from '../../../../../src-shared/contract/methods/sheet-sync.js';
import { call, inputIssues } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { fenToYuan, isYuan, yuanToFen } from '../money.js';

interface Values { name: string; kind: 'file' | 'url'; location?: string; intervalMinutes: number; supplier: string; unitCost: string; enabled: boolean }

/** Add or edit one synced sheet. A saved link is never shown again: leaving the field empty keeps it. */
export function SyncFormModal(props: { productId: number; editing: SheetSync | null; open: boolean; onClose(): void; onSaved(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const e = props.editing;

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue(e
      ? { name: e.name, kind: e.kind, intervalMinutes: e.intervalMinutes, supplier: e.supplier, unitCost: fenToYuan(e.unitCostFen), enabled: e.enabled }
      : { kind: 'file', intervalMinutes: 5, supplier: '', unitCost: '0', enabled: true });
  }, [props.open, e, form]);

  const save = async (v: Values) => {
    setBusy(true);
    try {
      await call('sync.save', {
        ...(e && { id: e.id }), productId: props.productId, name: v.name, kind: v.kind, intervalMinutes: v.intervalMinutes,
        supplier: v.supplier ?? '', unitCostFen: yuanToFen(v.unitCost), enabled: v.enabled, ...(v.location?.trim() && { location: v.location.trim() }),
      });
      props.onSaved();
    } catch (err) {
      const issues = inputIssues(err);
      if (issues.length) form.setFields(issues.map((i) => ({ name: (i.field === 'unitCostFen' ? 'unitCost' : i.field) as keyof Values, errors: [i.message] })));
      else form.setFields([{ name: 'name', errors: [errorText(err)] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={props.open} title={e ? t('inventory.sync.edit') : t('inventory.sync.add')} okText={t('inventory.sync.save')} confirmLoading={busy}
      onOk={() => form.submit()} onCancel={props.onClose} destroyOnHidden width={560}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void save(v)} data-testid="sync-form">
        <Form.Item name="name" label={t('inventory.sync.name')} rules={[{ required: true, whitespace: true, message: t('inventory.sync.required') }]}>
          <Input placeholder={t('inventory.sync.namePlaceholder')} maxLength={60} data-testid="sync-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('inventory.sync.kind')}>
          <Radio.Group options={[{ value: 'file', label: t('inventory.sync.kindFile') }, { value: 'url', label: t('inventory.sync.kindUrl') }]} />
        </Form.Item>
        <Form.Item name="location" label={t('inventory.sync.location')} extra={e ? t('inventory.sync.locationKeep') : undefined}
          rules={e ? [] : [{ required: true, whitespace: true, message: t('inventory.sync.required') }]}>
          <Input placeholder={kind === 'url' ? t('inventory.sync.locationUrl') : t('inventory.sync.locationFile')} data-testid="sync-location" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="intervalMinutes" label={t('inventory.sync.interval')} style={{ flex: 1 }}>
            <InputNumber min={1} max={1440} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="unitCost" label={t('inventory.sync.unitCost')} style={{ flex: 1 }}
            rules={[{ validator: (_r, v: string) => (isYuan(String(v ?? '')) ? Promise.resolve() : Promise.reject(new Error(t('inventory.sync.yuanInvalid')))) }]}>
            <Input prefix="¥" data-testid="sync-unit-cost" />
          </Form.Item>
        </div>
        <Form.Item name="supplier" label={t('inventory.sync.supplier')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="enabled" label={t('inventory.sync.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
