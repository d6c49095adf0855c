import { DeleteOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Radio, Select, Tag, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { PLATFORM_TITLES, type PlatformName } from '../../../../../src-shared/contract/methods/shops.js';
import { compilePattern, parseCidr } from '../../../../../src-shared/risk/cidr.js';
import { useT } from '../../../i18n/index.js';
import { isYuan } from '../../inventory/money.js';
import { CONDITION_FIELDS, SUBJECTS, type ConditionField } from '../labels.js';
import { defaultCondition, type RuleFormValues } from './rule-form.js';

export interface NamedOption {
  value: number;
  label: string;
}

const COMPARES = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;
const PLATFORMS = Object.keys(PLATFORM_TITLES) as PlatformName[];
const item = { style: { marginBottom: 0 } };
/** A free-text input takes the rest of the row, so a long reason under it does not wrap into a column. */
const grow = { marginBottom: 0, flex: '1 1 220px', minWidth: 220 };

/**
 * One condition of the rule editor: its type, and the inputs that type needs. Regexes and IP ranges
 * are checked as the owner types, with the reason the core would give (`第 2 个条件：…`).
 */
export function ConditionRow(props: { index: number; form: FormInstance<RuleFormValues>; products: NamedOption[]; shops: NamedOption[]; onRemove(): void }) {
  const t = useT();
  const { index, form } = props;
  const field = Form.useWatch(['conditions', index, 'field'], form) as ConditionField | undefined;
  const where = t('risk.editor.conditionN', { n: index + 1 });
  const fail = (reason: string) => Promise.reject(new Error(where + reason));
  const tid = (name: string) => `cond-${index}-${name}`;
  const compareSelect = (
    <Form.Item name={[index, 'op']} noStyle>
      <Select style={{ width: 120 }} options={COMPARES.map((o) => ({ value: o, label: t(`risk.op.${o}`) }))} data-testid={tid('op')} />
    </Form.Item>
  );
  const required = (message: string) => ({ validator: (_: unknown, v: unknown[] | undefined) => (v && v.length > 0 ? Promise.resolve() : fail(message)) });

  const inputs = (): ReactNode => {
    switch (field) {
      case 'amount':
        return (
          <>
            {compareSelect}
            <Form.Item name={[index, 'yuan']} {...item} rules={[{ validator: (_, v: string | undefined) => (isYuan(v ?? '') ? Promise.resolve() : fail(t('inventory.money.invalid'))) }]}>
              <Input prefix="¥" suffix={t('inventory.money.yuan')} inputMode="decimal" style={{ width: 170 }} data-testid={tid('yuan')} />
            </Form.Item>
          </>
        );
      case 'quantity':
        return (
          <>
            {compareSelect}
            <Form.Item name={[index, 'value']} {...item} rules={[{ required: true, message: where + t('risk.editor.numberRequired') }]}>
              <InputNumber min={0} max={100_000} precision={0} suffix={t('risk.editor.pieces')} style={{ width: 130 }} data-testid={tid('value')} />
            </Form.Item>
          </>
        );
      case 'product':
        return (
          <Form.Item name={[index, 'productIds']} {...item} rules={[required(t('risk.editor.productRequired'))]}>
            <Select mode="multiple" options={props.products} showSearch={{ optionFilterProp: 'label' }} placeholder={t('risk.editor.productPlaceholder')} style={{ width: 380 }} data-testid={tid('products')} />
          </Form.Item>
        );
      case 'shop':
        return (
          <Form.Item name={[index, 'shopIds']} {...item} rules={[required(t('risk.editor.shopRequired'))]}>
            <Select mode="multiple" options={props.shops} showSearch={{ optionFilterProp: 'label' }} placeholder={t('risk.editor.shopPlaceholder')} style={{ width: 380 }} data-testid={tid('shops')} />
          </Form.Item>
        );
      case 'platform':
        return (
          <Form.Item name={[index, 'platforms']} {...item} rules={[required(t('risk.editor.platformRequired'))]}>
            <Checkbox.Group options={PLATFORMS.map((p) => ({ value: p, label: t(`shops.platform.${p}`) }))} data-testid={tid('platforms')} />
          </Form.Item>
        );
      case 'hour':
        return (
          <Flex vertical gap={2}>
            <Flex gap={8} align="center">
              <Form.Item name={[index, 'from']} noStyle>
                <InputNumber min={0} max={23} precision={0} suffix={t('risk.editor.oclock')} style={{ width: 100 }} data-testid={tid('from')} />
              </Form.Item>
              <span>{t('risk.editor.to')}</span>
              <Form.Item
                name={[index, 'to']}
                {...item}
                dependencies={[['conditions', index, 'from']]}
                rules={[{ validator: (_, v: number | undefined) => (v !== undefined && v === form.getFieldValue(['conditions', index, 'from']) ? fail(t('risk.editor.hourSame')) : Promise.resolve()) }]}
              >
                <InputNumber min={0} max={24} precision={0} suffix={t('risk.editor.oclock')} style={{ width: 100 }} data-testid={tid('to')} />
              </Form.Item>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('risk.editor.hourHelp')}
            </Typography.Text>
          </Flex>
        );
      case 'risk_flag':
        return (
          <Form.Item name={[index, 'flags']} {...item}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} placeholder={t('risk.editor.flagsPlaceholder')} style={{ width: 380 }} data-testid={tid('flags')} />
          </Form.Item>
        );
      case 'velocity':
        return (
          <>
            <Form.Item name={[index, 'subject']} noStyle>
              <Select style={{ width: 120 }} options={(['buyer', 'ip', 'device'] as const).map((s) => ({ value: s, label: t(`risk.velocitySubject.${s}`) }))} data-testid={tid('subject')} />
            </Form.Item>
            <Form.Item name={[index, 'windowMinutes']} {...item} rules={[{ required: true, message: where + t('risk.editor.numberRequired') }]}>
              <InputNumber min={1} max={43_200} precision={0} suffix={t('risk.editor.minutesWithin')} style={{ width: 140 }} data-testid={tid('window')} />
            </Form.Item>
            <Form.Item name={[index, 'op']} noStyle>
              <Select style={{ width: 112 }} options={COMPARES.map((o) => ({ value: o, label: t(`risk.countOp.${o}`) }))} data-testid={tid('op')} />
            </Form.Item>
            <Form.Item name={[index, 'count']} {...item} rules={[{ required: true, message: where + t('risk.editor.numberRequired') }]}>
              <InputNumber min={0} max={100_000} precision={0} suffix={t('risk.editor.orders')} style={{ width: 100 }} data-testid={tid('count')} />
            </Form.Item>
          </>
        );
      case 'new_buyer':
        return (
          <Form.Item name={[index, 'value']} noStyle>
            <Radio.Group options={[{ value: true, label: t('risk.editor.newBuyer') }, { value: false, label: t('risk.editor.oldBuyer') }]} />
          </Form.Item>
        );
      case 'list':
        return (
          <>
            <Form.Item name={[index, 'subject']} noStyle>
              <Select style={{ width: 130 }} options={[{ value: 'any', label: t('risk.cond.anyIdentity') }, ...SUBJECTS.map((s) => ({ value: s, label: t(`risk.subject.${s}`) }))]} />
            </Form.Item>
            <Form.Item name={[index, 'list']} noStyle>
              <Radio.Group optionType="button" options={[{ value: 'black', label: t('risk.editor.inBlack') }, { value: 'white', label: t('risk.editor.inWhite') }]} />
            </Form.Item>
          </>
        );
      case 'text':
        return (
          <>
            <Form.Item name={[index, 'subject']} noStyle>
              <Select style={{ width: 110 }} options={(['nick', 'phone', 'email', 'device', 'message'] as const).map((s) => ({ value: s, label: t(`risk.textSubject.${s}`) }))} data-testid={tid('subject')} />
            </Form.Item>
            <Form.Item name={[index, 'op']} noStyle>
              <Select style={{ width: 120 }} options={(['contains', 'equals', 'matches'] as const).map((o) => ({ value: o, label: t(`risk.textOp.${o}`) }))} data-testid={tid('op')} />
            </Form.Item>
            <Form.Item
              name={[index, 'value']}
              style={grow}
              dependencies={[['conditions', index, 'op']]}
              rules={[
                {
                  validator: (_, v: string | undefined) => {
                    const text = (v ?? '').trim();
                    if (text === '') return fail(t('risk.editor.textRequired'));
                    if (form.getFieldValue(['conditions', index, 'op']) !== 'matches') return Promise.resolve();
                    const compiled = compilePattern(text);
                    return compiled.ok ? Promise.resolve() : fail(compiled.reason);
                  },
                },
              ]}
            >
              <Input maxLength={200} placeholder={t('risk.editor.textPlaceholder')} spellCheck={false} data-testid={tid('text')} />
            </Form.Item>
          </>
        );
      case 'ip':
        return (
          <>
            <Form.Item name={[index, 'op']} noStyle>
              <Select style={{ width: 130 }} options={[{ value: 'in', label: t('risk.editor.ipIn') }, { value: 'not_in', label: t('risk.editor.ipNotIn') }]} />
            </Form.Item>
            <Form.Item
              name={[index, 'cidrs']}
              style={grow}
              rules={[
                {
                  validator: (_, v: string[] | undefined) => {
                    if (!v || v.length === 0) return fail(t('risk.editor.cidrRequired'));
                    for (const text of v) {
                      const parsed = parseCidr(text);
                      if (!parsed.ok) return fail(parsed.reason);
                    }
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ', '\n']} placeholder={t('risk.editor.cidrPlaceholder')} data-testid={tid('cidrs')} />
            </Form.Item>
          </>
        );
      case 'missing':
        return (
          <Form.Item name={[index, 'subject']} noStyle>
            <Select style={{ width: 130 }} options={(['phone', 'email', 'ip', 'device'] as const).map((s) => ({ value: s, label: t(`risk.subject.${s}`) }))} />
          </Form.Item>
        );
      default:
        return null;
    }
  };

  return (
    <Flex gap={8} align="flex-start" style={{ padding: '10px 12px', background: 'rgba(0,0,0,0.02)', border: '1px solid rgba(0,0,0,0.06)', borderRadius: 8 }} data-testid={`cond-${index}`}>
      <Tag style={{ marginTop: 5, marginInlineEnd: 0 }}>{index + 1}</Tag>
      <Flex gap={8} wrap align="flex-start" style={{ flex: 1 }}>
        <Form.Item name={[index, 'field']} noStyle>
          <Select
            style={{ width: 150 }}
            // Every type in sight at once: a virtual list would hide the last ones behind a scroll.
            listHeight={CONDITION_FIELDS.length * 32 + 8}
            virtual={false}
            options={CONDITION_FIELDS.map((f) => ({ value: f, label: t(`risk.field.${f}`) }))}
            onChange={(f: ConditionField) => form.setFieldValue(['conditions', index], defaultCondition(f))}
            data-testid={tid('field')}
          />
        </Form.Item>
        {inputs()}
      </Flex>
      <Button type="text" danger icon={<DeleteOutlined />} onClick={props.onRemove} aria-label={t('risk.editor.removeCondition')} data-testid={tid('remove')} />
    </Flex>
  );
}
