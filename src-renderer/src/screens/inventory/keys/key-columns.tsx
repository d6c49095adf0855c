import { EyeOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { KeyRow } from '../../../../../src-shared/contract/methods/inventory.js';
import { formatDate, formatTime } from '../../../../../src-shared/format.js';
import type { Translate } from '../../../i18n/index.js';
import { expiryTone, statusInfo } from '../labels.js';
import { RevealedSecret } from './RevealedSecret.js';
import type { Revealed } from './RevealModal.js';

/** Widths are fixed: the virtual table needs them, and a million rows must not re-measure. */
export const KEY_TABLE_WIDTH = 796;

export function keyColumns(opts: {
  t: Translate;
  now: number;
  revealed: Record<number, Revealed>;
  onReveal(row: KeyRow): void;
  onHide(id: number): void;
}): ColumnsType<KeyRow> {
  const { t } = opts;
  return [
    { title: t('inventory.keys.col.cardNo'), dataIndex: 'cardNo', width: 150, ellipsis: true, render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
    {
      title: t('inventory.keys.col.secret'),
      key: 'secret',
      width: 228,
      render: (_, row) => {
        const shown = opts.revealed[row.id];
        if (shown) return <RevealedSecret revealed={shown} onHide={() => opts.onHide(row.id)} />;
        return (
          <Space size={4}>
            <Typography.Text code data-testid="masked-secret">
              {row.secretMasked}
            </Typography.Text>
            <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => opts.onReveal(row)} data-testid="reveal-key">
              {t('inventory.reveal.button')}
            </Button>
          </Space>
        );
      },
    },
    {
      title: t('inventory.keys.col.status'),
      dataIndex: 'status',
      width: 72,
      render: (_, row) => {
        const info = statusInfo(row.status);
        const tag = <Tag color={info.color}>{t(info.label)}</Tag>;
        return row.voidReason ? <Tooltip title={t('inventory.keys.voidReason', { reason: row.voidReason })}>{tag}</Tooltip> : tag;
      },
    },
    {
      title: t('inventory.keys.col.expires'),
      dataIndex: 'expiresAt',
      width: 100,
      render: (v: number | null, row) => {
        if (v === null) return <Typography.Text type="secondary">{t('inventory.keys.noExpiry')}</Typography.Text>;
        const tone = row.status === 'available' ? expiryTone(v, opts.now) : 'ok';
        return <Typography.Text type={tone === 'expired' ? 'danger' : tone === 'soon' ? 'warning' : undefined}>{formatDate(v)}</Typography.Text>;
      },
    },
    { title: t('inventory.keys.col.batch'), dataIndex: 'batchId', width: 58, render: (v: number) => `#${v}` },
    { title: t('inventory.keys.col.created'), dataIndex: 'createdAt', width: 156, render: (v: number) => formatTime(v) },
  ];
}
