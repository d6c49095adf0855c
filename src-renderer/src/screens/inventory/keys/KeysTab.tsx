import { DownloadOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Space, Table, Typography } from 'antd';
import { useCallback, useMemo, useState, type UIEvent } from 'react';
import type { Batch, KeyFilter, KeyRow } from '../../../../../src-shared/contract/methods/inventory.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { ReasonModal } from '../ReasonModal.js';
import { useInventoryChanged } from '../useInventoryChanged.js';
import { ExportModal } from './ExportModal.js';
import { KEY_TABLE_WIDTH, keyColumns } from './key-columns.js';
import { KeyFilters, type KeyFilterValues } from './KeyFilters.js';
import { RevealModal, type Revealed } from './RevealModal.js';
import { useKeyPages } from './useKeyPages.js';

const TABLE_HEIGHT = 440;
const LOAD_AHEAD_PX = 300;

/** 卡密: the product's keys, filtered and paged in the core, with reveal, void/restore and export. */
export function KeysTab(props: { productId: number; batches: Batch[]; filter: KeyFilterValues; onFilterChange(next: KeyFilterValues): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { productId, onFilterChange } = props;
  const { status, batchId, cardNo } = props.filter;
  const filter = useMemo<KeyFilter>(
    () => ({ productId, ...(status && { status }), ...(batchId !== undefined && { batchId }), ...(cardNo && { cardNo }) }),
    [productId, status, batchId, cardNo],
  );
  const pages = useKeyPages(filter);
  useInventoryChanged(pages.refresh, productId);

  const [selected, setSelected] = useState<number[]>([]);
  const [revealed, setRevealed] = useState<Record<number, Revealed>>({});
  const [revealing, setRevealing] = useState<KeyRow>();
  const [action, setAction] = useState<'void' | 'restore'>();
  const [exporting, setExporting] = useState(false);
  // Fixed per render: expiry colouring only needs day precision.
  const [now] = useState(() => Date.now());

  const changeFilter = (next: KeyFilterValues) => {
    setSelected([]);
    onFilterChange(next);
  };
  const hide = useCallback((id: number) => setRevealed(({ [id]: _gone, ...rest }) => rest), []);
  const columns = useMemo(
    () => keyColumns({ t, now, revealed, onReveal: setRevealing, onHide: hide }),
    [t, now, revealed, hide],
  );

  const change = async (kind: 'void' | 'restore', reason: string) => {
    try {
      const result = await call(kind === 'void' ? 'inventory.voidKeys' : 'inventory.restoreKeys', { ids: selected, reason });
      const text = t(kind === 'void' ? 'inventory.keys.voided' : 'inventory.keys.restored', { changed: result.changed });
      if (result.skipped > 0) message.warning(`${text}${t(kind === 'void' ? 'inventory.keys.voidSkipped' : 'inventory.keys.restoreSkipped', { skipped: result.skipped })}`);
      else message.success(text);
      setSelected([]);
      pages.refresh();
    } catch (err) {
      message.error(errorText(err));
      throw err;
    }
  };

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    if (el.scrollHeight - el.scrollTop - el.clientHeight < LOAD_AHEAD_PX) pages.loadMore();
  };

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <KeyFilters value={props.filter} batches={props.batches} onChange={changeFilter} />
        <Space wrap>
          {selected.length > 0 && <Typography.Text type="secondary">{t('inventory.keys.selected', { count: selected.length })}</Typography.Text>}
          <Button icon={<StopOutlined />} disabled={selected.length === 0} onClick={() => setAction('void')} data-testid="keys-void">
            {t('inventory.keys.void')}
          </Button>
          <Button icon={<RollbackOutlined />} disabled={selected.length === 0} onClick={() => setAction('restore')} data-testid="keys-restore">
            {t('inventory.keys.restore')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="keys-export">
            {t('inventory.keys.export')}
          </Button>
        </Space>
      </Flex>
      {pages.error !== undefined && <Alert type="error" showIcon title={errorText(pages.error)} action={<Button size="small" onClick={pages.refresh}>{t('common.retry')}</Button>} />}
      <Table<KeyRow>
        data-testid="keys-table"
        size="small"
        rowKey="id"
        virtual
        scroll={{ x: KEY_TABLE_WIDTH, y: TABLE_HEIGHT }}
        columns={columns}
        dataSource={pages.rows}
        loading={pages.loading && pages.rows.length === 0}
        pagination={false}
        onScroll={onScroll}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), columnWidth: 32 }}
        locale={{ emptyText: t(cardNo || status || batchId !== undefined ? 'inventory.keys.noMatch' : 'inventory.keys.empty') }}
      />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" data-testid="keys-count">
          {t('inventory.keys.count', { shown: pages.rows.length.toLocaleString('zh-CN'), total: pages.total.toLocaleString('zh-CN') })}
        </Typography.Text>
        {pages.hasMore && (
          <Button onClick={pages.loadMore} loading={pages.loading} data-testid="keys-more">
            {t('inventory.keys.more')}
          </Button>
        )}
      </Flex>
      <RevealModal keyRow={revealing} onClose={() => setRevealing(undefined)} onRevealed={(id, r) => setRevealed((all) => ({ ...all, [id]: r }))} />
      <ReasonModal
        open={action !== undefined}
        title={t(action === 'restore' ? 'inventory.keys.restoreTitle' : 'inventory.keys.voidTitle', { count: selected.length })}
        explain={t(action === 'restore' ? 'inventory.keys.restoreExplain' : 'inventory.keys.voidExplain')}
        okText={t(action === 'restore' ? 'inventory.keys.restore' : 'inventory.keys.void')}
        danger={action === 'void'}
        testId="keys-reason"
        onSubmit={(reason) => change(action ?? 'void', reason)}
        onClose={() => setAction(undefined)}
      />
      <ExportModal open={exporting} filter={filter} total={pages.total} onClose={() => setExporting(false)} />
    </Flex>
  );
}
