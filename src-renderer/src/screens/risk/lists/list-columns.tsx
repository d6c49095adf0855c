import { DeleteOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Tag, Typography, type ButtonProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ListEntryView } from '../../../../../src-shared/contract/methods/risk.js';
import { formatTime } from '../../../../../src-shared/format.js';
import type { Translate } from '../../../i18n/index.js';
import { mono, small } from '../labels.js';

export const LIST_TABLE_WIDTH = 980;

export function listColumns(t: Translate, opts: { busy: number | undefined; onRemove(entry: ListEntryView): void }): ColumnsType<ListEntryView> {
  return [
    { title: t('risk.list.col.subject'), key: 'subject', width: 90, render: (_, e) => <Tag style={{ marginInlineEnd: 0 }}>{t(`risk.subject.${e.subject}`)}</Tag> },
    {
      title: t('risk.list.col.value'),
      key: 'value',
      width: 220,
      render: (_, e) => (
        <Typography.Text style={mono} data-testid="list-value">
          {e.valueMasked}
        </Typography.Text>
      ),
    },
    { title: t('risk.list.col.note'), key: 'note', render: (_, e) => (e.note ? <Typography.Text ellipsis={{ tooltip: e.note }}>{e.note}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>) },
    { title: t('risk.list.col.source'), key: 'source', width: 100, render: (_, e) => t(`risk.list.source.${e.source}`) },
    { title: t('risk.list.col.hits'), key: 'hits', width: 80, align: 'right', render: (_, e) => e.hits.toLocaleString('zh-CN') },
    { title: t('risk.list.col.createdAt'), key: 'createdAt', width: 160, render: (_, e) => <span style={small}>{formatTime(e.createdAt)}</span> },
    {
      title: t('risk.list.col.expiresAt'),
      key: 'expiresAt',
      width: 160,
      render: (_, e) => (e.expiresAt === null ? <Typography.Text type="secondary">{t('risk.list.forever')}</Typography.Text> : <span style={small}>{formatTime(e.expiresAt)}</span>),
    },
    {
      title: t('risk.col.handle'),
      key: 'handle',
      width: 90,
      fixed: 'right',
      render: (_, e) => (
        <Popconfirm
          title={t('risk.list.removeTitle')}
          description={t('risk.list.removeExplain', { value: e.valueMasked })}
          okText={t('risk.list.remove')}
          okButtonProps={{ danger: true, 'data-testid': 'list-remove-ok' } as ButtonProps}
          cancelText={t('common.cancel')}
          onConfirm={() => opts.onRemove(e)}
        >
          <Button size="small" type="link" danger icon={<DeleteOutlined />} loading={opts.busy === e.id} data-testid="list-remove">
            {t('risk.list.remove')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
}
