import { SmileTwoTone } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { Problem, ProblemKind } from '../../../../../src-shared/contract/methods/aftersales.js';
import { ScreenEmpty } from '../../../components/ScreenEmpty.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { useOrdersChanged } from '../../orders/useOrderEvents.js';
import { PROBLEM_KINDS } from '../labels.js';
import { LedgerDrawer } from './LedgerDrawer.js';
import { PROBLEM_TABLE_WIDTH, problemColumns } from './problem-columns.js';

const LIMIT = 500;

/**
 * 问题队列: everything that went wrong after payment, one row per order line, with the fixes the core
 * offers for it. Chips filter by kind (counts from the core), the search box by order number; a row
 * opens the line's ledger. Live on `orders.changed`.
 */
export function ProblemQueue() {
  const t = useT();
  const errorText = useErrorText();
  const [kind, setKind] = useState<ProblemKind>();
  const [search, setSearch] = useState('');
  const queue = useCall('aftersales.queue', { ...(kind && { kind }), ...(search && { search }), limit: LIMIT });
  useOrdersChanged(queue.reload);
  const [open, setOpen] = useState<Problem>();
  const columns = useMemo(() => problemColumns(t, queue.reload), [t, queue.reload]);
  const counts = queue.data?.counts ?? {};
  const countOf = (k: ProblemKind) => counts[k] ?? 0;
  const all = PROBLEM_KINDS.reduce((sum, k) => sum + countOf(k), 0);
  const current = open && queue.data?.problems.find((p) => p.lineId === open.lineId);

  if (queue.data && all === 0 && queue.data.problems.length === 0 && !kind && !search) {
    return (
      <div data-testid="aftersales-empty">
        <ScreenEmpty image={<SmileTwoTone twoToneColor="#52c41a" style={{ fontSize: 72 }} />} title={t('aftersales.empty.title')} description={t('aftersales.empty.description')} />
      </div>
    );
  }

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Flex wrap gap={6} data-testid="problem-chips">
          <Tag.CheckableTag checked={!kind} onChange={() => setKind(undefined)} data-testid="problem-chip-all">
            {t('aftersales.chip', { label: t('aftersales.all'), count: all.toLocaleString('zh-CN') })}
          </Tag.CheckableTag>
          {PROBLEM_KINDS.filter((k) => countOf(k) > 0 || k === kind).map((k) => (
            <Tag.CheckableTag key={k} checked={kind === k} onChange={(on) => setKind(on ? k : undefined)} data-testid={`problem-chip-${k}`}>
              {t('aftersales.chip', { label: t(`aftersales.kind.${k}`), count: countOf(k).toLocaleString('zh-CN') })}
            </Tag.CheckableTag>
          ))}
        </Flex>
        <Input.Search
          allowClear
          maxLength={100}
          placeholder={t('aftersales.search')}
          onSearch={(v) => setSearch(v.trim())}
          style={{ width: 280 }}
          data-testid="problem-search"
        />
      </Flex>
      {queue.error !== undefined && (
        <Alert type="error" showIcon title={errorText(queue.error)} action={<Button size="small" onClick={queue.reload}>{t('common.retry')}</Button>} />
      )}
      <div aria-busy={queue.loading} data-testid="problem-results">
        <Table<Problem>
          data-testid="problem-table"
          size="small"
          rowKey="lineId"
          columns={columns}
          dataSource={queue.data?.problems ?? []}
          loading={queue.loading && !queue.data}
          scroll={{ x: PROBLEM_TABLE_WIDTH }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          onRow={(row) => ({ onClick: () => setOpen(row), style: { cursor: 'pointer' } })}
          locale={{ emptyText: t('aftersales.noMatch') }}
        />
      </div>
      <LedgerDrawer problem={current ?? open} left={open !== undefined && queue.data !== undefined && !current} onClose={() => setOpen(undefined)} onChanged={queue.reload} />
    </Flex>
  );
}
