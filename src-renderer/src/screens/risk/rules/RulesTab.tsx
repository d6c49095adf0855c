import { PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Popconfirm, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import type { RiskRule } from '../../../../../src-shared/contract/methods/risk.js';
import { call } from '../../../api/index.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { useRiskChanged } from '../useRiskEvents.js';
import type { ConditionNames } from './describe-condition.js';
import { RULE_TABLE_WIDTH, ruleColumns } from './rule-columns.js';
import { ruleToDraft } from './rule-form.js';
import { RuleEditor } from './RuleEditor.js';

/**
 * 规则: the rules in the order they are tried (first enforcing match decides), with the last 7 days'
 * hits, on/off, order, edit and delete, and 恢复内置规则. The editor drawer opens from here.
 */
export function RulesTab() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const rules = useCall('risk.rules.list', {});
  const stats = useCall('risk.stats', { days: 7 });
  const products = useCall('products.list', {});
  const shops = useCall('shops.list', {});
  useRiskChanged(stats.reload);
  const [busy, setBusy] = useState<number>();
  const [restoring, setRestoring] = useState(false);
  const [editing, setEditing] = useState<RiskRule | 'new'>();
  const list = rules.data?.rules ?? [];

  const names = useMemo<ConditionNames>(
    () => ({
      products: new Map((products.data ?? []).map((p) => [p.id, p.name])),
      shops: new Map((shops.data ?? []).map((s) => [s.id, s.name])),
    }),
    [products.data, shops.data],
  );
  const productOptions = useMemo(() => (products.data ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` })), [products.data]);
  const shopOptions = useMemo(() => (shops.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${t(`shops.platform.${s.platform}`)}）` })), [shops.data, t]);
  const statsById = useMemo(() => new Map((stats.data?.rules ?? []).map((s) => [s.ruleId, s])), [stats.data]);

  const run = async (id: number, work: () => Promise<void>) => {
    setBusy(id);
    try {
      await work();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  const columns = ruleColumns(t, {
    busy,
    stats: statsById,
    names,
    count: list.length,
    onToggle: (r, enabled) =>
      void run(r.id, async () => {
        await call('risk.rules.save', { id: r.id, rule: ruleToDraft(r, { enabled }) });
        message.success(t(enabled ? 'risk.rule.enabledOn' : 'risk.rule.enabledOff', { name: r.name }));
        rules.reload();
      }),
    onMove: (i, by) => {
      const ids = list.map((r) => r.id);
      const [moved] = ids.splice(i, 1);
      ids.splice(i + by, 0, moved!);
      void run(moved!, async () => rules.setData(await call('risk.rules.reorder', { ids })));
    },
    onEdit: setEditing,
    onDelete: (r) =>
      void run(r.id, async () => {
        await call('risk.rules.delete', { id: r.id });
        message.success(t('risk.rule.deleted', { name: r.name }));
        rules.reload();
      }),
  });

  const restore = async () => {
    setRestoring(true);
    try {
      rules.setData(await call('risk.rules.restoreDefaults', {}));
      stats.reload();
      message.success(t('risk.rule.restored'));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setRestoring(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <Alert type="info" showIcon title={t('risk.rules.explain')} style={{ flex: '1 1 480px' }} />
        <Space>
          <Popconfirm title={t('risk.rules.restoreTitle')} description={t('risk.rules.restoreExplain')} okText={t('risk.rules.restore')} cancelText={t('common.cancel')} onConfirm={() => restore()}>
            <Button icon={<RollbackOutlined />} loading={restoring} data-testid="rules-restore">
              {t('risk.rules.restore')}
            </Button>
          </Popconfirm>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="rule-add">
            {t('risk.rules.add')}
          </Button>
        </Space>
      </Flex>
      {rules.error !== undefined && (
        <Alert type="error" showIcon title={errorText(rules.error)} action={<Button size="small" onClick={rules.reload}>{t('common.retry')}</Button>} data-testid="rules-error" />
      )}
      <Table<RiskRule>
        data-testid="rules-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={list}
        loading={rules.loading && !rules.data}
        pagination={false}
        scroll={{ x: RULE_TABLE_WIDTH }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('risk.rules.empty')} /> }}
      />
      {editing !== undefined && (
        <RuleEditor
          rule={editing === 'new' ? undefined : editing}
          products={productOptions}
          shops={shopOptions}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            rules.reload();
            stats.reload();
          }}
        />
      )}
    </Flex>
  );
}
