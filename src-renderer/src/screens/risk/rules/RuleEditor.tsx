import { ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Dropdown, Flex, Form, Input, InputNumber, Radio, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import type { BacktestResult, RiskRule } from '../../../../../src-shared/contract/methods/risk.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { ACTIONS, CONDITION_FIELDS, type ConditionField } from '../labels.js';
import { BacktestCard } from './BacktestCard.js';
import { ConditionRow, type NamedOption } from './ConditionRow.js';
import { defaultCondition, formPathOf, formToDraft, newRuleValues, ruleToForm, type RuleFormValues } from './rule-form.js';

const MAX_CONDITIONS = 10;
const DRAWER_WIDTH = 820;

/**
 * 新建 / 编辑规则: name, what happens to a matching order, observe-only or enforcing, and the
 * conditions (all must hold). 试跑 runs the draft over past orders before anything is saved. Every
 * refusal of the core lands on the field it names.
 */
export function RuleEditor(props: { rule: RiskRule | undefined; products: NamedOption[]; shops: NamedOption[]; onClose(): void; onSaved(rule: RiskRule): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleFormValues>();
  useRevalidateOnLanguageChange(form);
  const [busy, setBusy] = useState<'save' | 'backtest'>();
  const [formError, setFormError] = useState<string>();
  const [days, setDays] = useState(30);
  const [backtest, setBacktest] = useState<{ result: BacktestResult; stale: boolean }>();
  const action = Form.useWatch('action', form);
  const { rule } = props;

  /** Puts the core's field problems on their fields; the rest (or all, when none has a field) above the form. */
  const showRefusal = (err: unknown) => {
    const issues = inputIssues(err);
    const placed = issues.flatMap((i) => {
      const name = formPathOf(i.field);
      return name ? [{ name, errors: [i.message] }] : [];
    });
    form.setFields(placed as Parameters<typeof form.setFields>[0]);
    setFormError(placed.length === 0 || placed.length < issues.length ? errorText(err) : undefined);
  };

  /** The form's own checks first (the same reasons the core gives), then the draft. */
  const draft = async () => {
    setFormError(undefined);
    try {
      await form.validateFields();
    } catch {
      setFormError(t('risk.editor.fixFields'));
      return undefined;
    }
    return formToDraft(form.getFieldsValue(true) as RuleFormValues);
  };

  const save = async () => {
    const d = await draft();
    if (!d) return;
    setBusy('save');
    try {
      const saved = await call('risk.rules.save', { ...(rule && { id: rule.id }), rule: d });
      message.success(t(saved.mode === 'observe' ? 'risk.editor.savedObserve' : 'risk.editor.saved', { name: saved.name }));
      props.onSaved(saved);
    } catch (err) {
      showRefusal(err);
    } finally {
      setBusy(undefined);
    }
  };

  const runBacktest = async () => {
    const d = await draft();
    if (!d) return;
    setBusy('backtest');
    try {
      setBacktest({ result: await call('risk.rules.backtest', { rule: d, days }), stale: false });
    } catch (err) {
      showRefusal(err);
    } finally {
      setBusy(undefined);
    }
  };

  const footer = (
    <Flex justify="space-between" align="center" gap={12} wrap>
      <Space size={8}>
        <Typography.Text>{t('risk.editor.backtestDays')}</Typography.Text>
        <InputNumber min={1} max={90} precision={0} value={days} onChange={(v) => setDays(v ?? 30)} suffix={t('risk.editor.days')} style={{ width: 100 }} data-testid="backtest-days-input" />
        <Button icon={<ExperimentOutlined />} onClick={() => void runBacktest()} loading={busy === 'backtest'} data-testid="rule-backtest">
          {t('risk.editor.backtest')}
        </Button>
      </Space>
      <Space size={8}>
        <Button onClick={props.onClose}>{t('common.cancel')}</Button>
        <Button type="primary" onClick={() => void save()} loading={busy === 'save'} data-testid="rule-save">
          {t('risk.editor.save')}
        </Button>
      </Space>
    </Flex>
  );

  return (
    <Drawer open size={DRAWER_WIDTH} title={rule ? t('risk.editor.editTitle', { name: rule.name }) : t('risk.editor.newTitle')} onClose={props.onClose} footer={footer} destroyOnHidden data-testid="rule-editor">
      <Flex vertical gap={16}>
        {!rule && <Alert type="info" showIcon title={t('risk.editor.observeHint')} />}
        {formError && <Alert type="error" showIcon title={formError} data-testid="rule-error" />}
        <Form<RuleFormValues>
          form={form}
          layout="vertical"
          initialValues={rule ? ruleToForm(rule) : newRuleValues()}
          onValuesChange={() => setBacktest((b) => (b && !b.stale ? { ...b, stale: true } : b))}
          requiredMark={false}
        >
          <Flex gap={16} wrap>
            <Form.Item name="name" label={t('risk.editor.name')} rules={[{ required: true, whitespace: true, message: t('risk.editor.nameRequired') }, { max: 60, message: t('risk.editor.nameTooLong') }]} style={{ flex: '1 1 300px' }}>
              <Input maxLength={60} placeholder={t('risk.editor.namePlaceholder')} data-testid="rule-name" />
            </Form.Item>
            <Form.Item name="score" label={t('risk.editor.score')} tooltip={t('risk.scoreHelp')} rules={[{ required: true, message: t('risk.editor.numberRequired') }]}>
              <InputNumber min={0} max={100} precision={0} style={{ width: 110 }} data-testid="rule-score" />
            </Form.Item>
          </Flex>
          <Flex gap={16} wrap align="flex-start">
            <Form.Item name="action" label={t('risk.editor.action')}>
              <Radio.Group optionType="button" options={ACTIONS.map((a) => ({ value: a, label: <span data-testid={`rule-action-${a}`}>{t(`risk.action.${a}`)}</span> }))} />
            </Form.Item>
            {action === 'delay' && (
              <Form.Item name="delayMinutes" label={t('risk.editor.delayMinutes')} tooltip={t('risk.editor.delayHelp')} rules={[{ required: true, message: t('risk.editor.delayRequired') }]}>
                <InputNumber min={1} max={1440} precision={0} suffix={t('risk.editor.minutes')} style={{ width: 130 }} data-testid="rule-delay" />
              </Form.Item>
            )}
          </Flex>
          <Flex gap={24} wrap align="flex-start">
            <Form.Item name="mode" label={t('risk.editor.mode')} extra={t('risk.editor.modeHelp')} style={{ flex: '1 1 360px' }}>
              <Radio.Group
                options={[
                  { value: 'enforce', label: <span data-testid="rule-mode-enforce">{t('risk.mode.enforce')}</span> },
                  { value: 'observe', label: <span data-testid="rule-mode-observe">{t('risk.mode.observe')}</span> },
                ]}
              />
            </Form.Item>
            <Form.Item name="enabled" label={t('risk.editor.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Flex>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('risk.editor.conditions')} <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>{t('risk.editor.conditionsHelp')}</Typography.Text>
          </Typography.Title>
          <Form.List
            name="conditions"
            rules={[{ validator: async (_, v: unknown[] | undefined) => { if (!v || v.length === 0) throw new Error(t('risk.editor.conditionRequired')); } }]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Flex vertical gap={8}>
                {fields.map(({ key, name }) => (
                  <ConditionRow key={key} index={name} form={form} products={props.products} shops={props.shops} onRemove={() => remove(name)} />
                ))}
                <Form.ErrorList errors={errors} />
                <Dropdown
                  disabled={fields.length >= MAX_CONDITIONS}
                  trigger={['click']}
                  menu={{
                    items: CONDITION_FIELDS.map((f) => ({ key: f, label: <span data-testid={`cond-add-${f}`}>{t(`risk.field.${f}`)}</span> })),
                    onClick: ({ key }) => add(defaultCondition(key as ConditionField)),
                  }}
                >
                  <Button type="dashed" icon={<PlusOutlined />} block data-testid="cond-add">
                    {fields.length >= MAX_CONDITIONS ? t('risk.editor.conditionMax') : t('risk.editor.addCondition')}
                  </Button>
                </Dropdown>
              </Flex>
            )}
          </Form.List>
          <Form.Item name="note" label={t('risk.editor.note')} style={{ marginTop: 16, marginBottom: 0 }}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 1, maxRows: 3 }} placeholder={t('risk.editor.notePlaceholder')} />
          </Form.Item>
        </Form>
        {backtest && <BacktestCard result={backtest.result} stale={backtest.stale} />}
      </Flex>
    </Drawer>
  );
}
