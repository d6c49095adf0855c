import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Switch, Tag, Tooltip, Typography, type ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { RiskRule } from '../../../../../src-shared/contract/methods/risk.js';
import type { Translate } from '../../../i18n/index.js';
import { ACTION_COLOR, small, type RuleStats } from '../labels.js';
import { describeCondition, type ConditionNames } from './describe-condition.js';

export const RULE_TABLE_WIDTH = 1040;

export interface RuleRowHandlers {
  busy: number | undefined;
  stats: ReadonlyMap<number, RuleStats>;
  names: ConditionNames;
  count: number;
  onToggle(rule: RiskRule, enabled: boolean): void;
  onMove(index: number, by: -1 | 1): void;
  onEdit(rule: RiskRule): void;
  onDelete(rule: RiskRule): void;
}

export function ruleColumns(t: Translate, h: RuleRowHandlers): ColumnsType<RiskRule> {
  return [
    {
      title: t('risk.col.position'),
      key: 'position',
      width: 56,
      align: 'center',
      render: (_, _r, i) => <Typography.Text strong data-testid="rule-position">{i + 1}</Typography.Text>,
    },
    {
      title: t('risk.col.rule'),
      key: 'name',
      width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text strong data-testid="rule-name-cell">
            {r.name}
          </Typography.Text>
          <Space size={4} wrap>
            {r.mode === 'observe' && <Tag color="purple" data-testid="rule-observe-tag">{t('risk.mode.observe')}</Tag>}
            {r.builtIn && <Tag>{t('risk.rule.builtIn')}</Tag>}
            {!r.enabled && <Tag color="default">{t('risk.rule.disabled')}</Tag>}
          </Space>
        </Space>
      ),
    },
    {
      title: t('risk.col.conditions'),
      key: 'conditions',
      render: (_, r) => (
        <Space orientation="vertical" size={0} data-testid="rule-conditions">
          {r.conditions.map((c, i) => (
            <Typography.Text key={i} type={r.enabled ? undefined : 'secondary'}>
              {i > 0 && <Typography.Text type="secondary">{t('risk.cond.andPrefix')}</Typography.Text>}
              {describeCondition(c, t, h.names)}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    {
      title: t('risk.col.ruleAction'),
      key: 'action',
      width: 140,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Tag color={ACTION_COLOR[r.action]} style={{ marginInlineEnd: 0 }} data-testid="rule-action">
            {r.action === 'delay' && r.delayMinutes !== undefined ? t('risk.rule.delayFor', { minutes: r.delayMinutes }) : t(`risk.action.${r.action}`)}
          </Tag>
          {r.score > 0 && (
            <Typography.Text type="secondary" style={small}>
              {t('risk.rule.scorePlus', { score: r.score })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: <Tooltip title={t('risk.col.hitsHelp')}>{t('risk.col.hits7')}</Tooltip>,
      key: 'hits',
      width: 90,
      align: 'right',
      render: (_, r) => {
        const s = h.stats.get(r.id);
        if (!s) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Space orientation="vertical" size={0} style={{ alignItems: 'flex-end' }}>
            <Typography.Text data-testid="rule-hits">{s.hits.toLocaleString('zh-CN')}</Typography.Text>
            <Typography.Text type="secondary" style={small}>
              {t('risk.rule.decided', { n: s.decided.toLocaleString('zh-CN') })}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: t('risk.col.enabled'),
      key: 'enabled',
      width: 64,
      align: 'center',
      render: (_, r) => <Switch size="small" checked={r.enabled} loading={h.busy === r.id} onChange={(on) => h.onToggle(r, on)} data-testid="rule-enabled" />,
    },
    {
      title: t('risk.col.handle'),
      key: 'handle',
      width: 170,
      fixed: 'right',
      render: (_, r, i) => (
        <Space size={2}>
          <Tooltip title={t('risk.rule.moveUp')}>
            <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0 || h.busy !== undefined} onClick={() => h.onMove(i, -1)} aria-label={t('risk.rule.moveUp')} data-testid="rule-up" />
          </Tooltip>
          <Tooltip title={t('risk.rule.moveDown')}>
            <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === h.count - 1 || h.busy !== undefined} onClick={() => h.onMove(i, 1)} aria-label={t('risk.rule.moveDown')} data-testid="rule-down" />
          </Tooltip>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => h.onEdit(r)} data-testid="rule-edit">
            {t('risk.rule.edit')}
          </Button>
          <Popconfirm
            title={t('risk.rule.deleteTitle', { name: r.name })}
            description={t(r.builtIn ? 'risk.rule.deleteBuiltIn' : 'risk.rule.deleteExplain')}
            okText={t('risk.rule.delete')}
            okButtonProps={{ danger: true, 'data-testid': 'rule-delete-ok' } as ButtonProps}
            cancelText={t('common.cancel')}
            onConfirm={() => h.onDelete(r)}
          >
            <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={t('risk.rule.delete')} data-testid="rule-delete" />
          </Popconfirm>
        </Space>
      ),
    },
  ];
}
