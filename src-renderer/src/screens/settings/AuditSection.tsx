import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Divider, Flex, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditVerifyResult } from '../../../../src-shared/contract/methods/audit.js';
import { onEvent } from '../../api/index.js';
import { useCall } from '../../hooks/useCall.js';
import { useErrorText, useT } from '../../i18n/index.js';
import { AuditFilters } from './audit/AuditFilters.js';
import { AuditTable } from './audit/AuditTable.js';
import { ExportButton } from './audit/ExportButton.js';
import { isFiltered, NO_FILTER, toAuditFilter, type AuditFilterValues } from './audit/filter.js';
import { VerifyPanel } from './audit/VerifyPanel.js';

/** Where the table is: a page of the filtered log, or the page holding one entry (定位). */
interface View {
  filter: AuditFilterValues;
  pageSize: number;
  offset: number;
  focusSeq?: number | undefined;
}

/**
 * 审计日志: verify the tamper-evident chain and go to the first broken entry; read the log filtered by
 * who, what, which object and when (Beijing time), page by page; export what the filter shows.
 */
export function AuditSection() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [view, setView] = useState<View>({ filter: NO_FILTER, pageSize: 20, offset: 0 });
  const [highlight, setHighlight] = useState<number>();
  const [broken, setBroken] = useState<number>();
  const filter = useMemo(() => toAuditFilter(view.filter), [view.filter]);
  const list = useCall('audit.list', { ...filter, limit: view.pageSize, offset: view.offset, ...(view.focusSeq !== undefined && { focusSeq: view.focusSeq }) });
  const facets = useCall('audit.facets', {});
  const { reload: reloadList } = list;
  const { reload: reloadFacets } = facets;
  const reload = useCallback(() => {
    reloadList();
    reloadFacets();
  }, [reloadList, reloadFacets]);

  // Vault and sandbox changes write audit entries, so those events mean the page is stale.
  useEffect(
    () =>
      onEvent((m) => {
        if (m.event === 'vault.changed' || m.event === 'sandbox.changed') reload();
      }, reload),
    [reload],
  );

  const onVerified = (result: AuditVerifyResult) => {
    setBroken(result.firstBroken?.seq);
    reload();
  };
  const locate = (seq: number) => {
    setView((v) => ({ filter: NO_FILTER, pageSize: v.pageSize, offset: 0, focusSeq: seq }));
    setHighlight(seq);
    message.info(t('audit.located', { seq }));
  };

  const total = list.data?.total ?? 0;
  return (
    <Flex vertical gap={16} data-testid="audit-page">
      <VerifyPanel onVerified={onVerified} onLocate={locate} />
      <Divider style={{ margin: 0 }} />
      <AuditFilters value={view.filter} facets={facets.data} onChange={(next) => setView((v) => ({ filter: next, pageSize: v.pageSize, offset: 0 }))} />
      {list.error !== undefined && <Alert type="error" showIcon title={errorText(list.error)} />}
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text type="secondary" data-testid="audit-count">
            {t(isFiltered(view.filter) ? 'audit.count.filtered' : 'audit.count.all', { total: total.toLocaleString('zh-CN') })}
          </Typography.Text>
          <Flex gap={8}>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} data-testid="audit-refresh" />
            <ExportButton filter={filter} disabled={total === 0} onExported={reload} />
          </Flex>
        </Flex>
        <AuditTable
          page={list.data}
          pageSize={view.pageSize}
          loading={list.loading}
          highlight={highlight}
          broken={broken}
          onPage={(offset, pageSize) => setView((v) => ({ filter: v.filter, pageSize, offset }))}
        />
      </Flex>
    </Flex>
  );
}
