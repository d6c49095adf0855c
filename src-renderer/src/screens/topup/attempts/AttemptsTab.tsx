import { Alert, Button, Flex, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { TopupAttempt } from '../../../../../src-shared/contract/methods/topup.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { useOrdersChanged } from '../../orders/useOrderEvents.js';
import { TOPUP_STATES, type TopupState } from '../labels.js';
import { ATTEMPT_TABLE_WIDTH, attemptColumns } from './attempt-columns.js';
import { AttemptDrawer } from './AttemptDrawer.js';
import { NoAttempts } from './NoAttempts.js';

const LIMIT = 200;

/** 充值记录: every top-up attempt, newest first, filtered by state; a row opens its details and evidence. */
export function AttemptsTab() {
  const t = useT();
  const errorText = useErrorText();
  const [state, setState] = useState<TopupState>();
  const list = useCall('topup.list', { ...(state && { state }), limit: LIMIT });
  // An attempt moves its order line, so a line change is the cue to read the attempts again.
  useOrdersChanged(list.reload);
  const [open, setOpen] = useState<TopupAttempt>();
  const columns = useMemo(() => attemptColumns(t), [t]);
  const counts = list.data?.counts ?? {};
  const countOf = (s: TopupState) => counts[s] ?? 0;
  const all = TOPUP_STATES.reduce((sum, s) => sum + countOf(s), 0);
  // The drawer follows the live list: a retry or a finished attempt shows without reopening.
  const current = open && (list.data?.attempts.find((a) => a.id === open.id) ?? open);

  if (list.data && list.data.attempts.length === 0 && all === 0 && !state) return <NoAttempts />;

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={6} data-testid="topup-state-chips">
        <Tag.CheckableTag checked={!state} onChange={() => setState(undefined)} data-testid="topup-chip-all">
          {t('topup.chip', { label: t('topup.all'), count: all.toLocaleString('zh-CN') })}
        </Tag.CheckableTag>
        {TOPUP_STATES.filter((s) => countOf(s) > 0 || s === state).map((s) => (
          <Tag.CheckableTag key={s} checked={state === s} onChange={(on) => setState(on ? s : undefined)} data-testid={`topup-chip-${s}`}>
            {t('topup.chip', { label: t(`topup.state.${s}`), count: countOf(s).toLocaleString('zh-CN') })}
          </Tag.CheckableTag>
        ))}
      </Flex>
      {list.error !== undefined && (
        <Alert type="error" showIcon title={errorText(list.error)} action={<Button size="small" onClick={list.reload}>{t('common.retry')}</Button>} />
      )}
      <div aria-busy={list.loading} data-testid="topup-attempts">
        <Table<TopupAttempt>
          data-testid="topup-attempts-table"
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={list.data?.attempts ?? []}
          loading={list.loading && !list.data}
          scroll={{ x: ATTEMPT_TABLE_WIDTH }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          onRow={(row) => ({ onClick: () => setOpen(row), style: { cursor: 'pointer' } })}
          locale={{ emptyText: t('topup.attempts.noMatch') }}
        />
      </div>
      <AttemptDrawer attempt={current} onClose={() => setOpen(undefined)} onChanged={list.reload} />
    </Flex>
  );
}
