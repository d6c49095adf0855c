import { Table, Tag, Tooltip, Typography, theme } from 'antd';
import { useEffect, useRef, type HTMLAttributes } from 'react';
import { auditObjectText, auditSummaryText } from '../../../../../src-shared/audit/describe.js';
import type { AuditEntry } from '../../../../../src-shared/contract/methods/audit.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { useAuditWords } from './labels.js';

export interface AuditTablePage {
  entries: AuditEntry[];
  total: number;
  offset: number;
}

/**
 * One page of entries, newest first. The highlighted entry (the one 定位 went to) is tinted and scrolled
 * into view; a broken one is tagged. Summaries are shown whole: they never hold a secret.
 */
export function AuditTable(props: {
  page: AuditTablePage | undefined;
  pageSize: number;
  loading: boolean;
  highlight?: number | undefined;
  broken?: number | undefined;
  onPage(offset: number, pageSize: number): void;
}) {
  const t = useT();
  const words = useAuditWords();
  const { token } = theme.useToken();
  const box = useRef<HTMLDivElement>(null);
  const { page, highlight } = props;
  const shown = page?.entries.some((e) => e.seq === highlight) ?? false;

  useEffect(() => {
    if (!shown || highlight === undefined) return;
    box.current?.querySelector(`tr[data-row-key="${highlight}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [shown, highlight]);

  return (
    <div ref={box}>
      <Table<AuditEntry>
        data-testid="audit-table"
        size="small"
        rowKey="seq"
        loading={props.loading}
        dataSource={page?.entries ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('audit.empty') }}
        pagination={{
          current: Math.floor((page?.offset ?? 0) / props.pageSize) + 1,
          pageSize: props.pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          onChange: (current, size) => props.onPage(size === props.pageSize ? (current - 1) * size : 0, size),
        }}
        onRow={(e) => ({
          'data-testid': `audit-row-${e.seq}`,
          'data-highlighted': e.seq === highlight ? 'true' : undefined,
          style: e.seq === highlight ? { background: token.colorErrorBg, boxShadow: `inset 3px 0 0 ${token.colorError}` } : undefined,
        }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('audit.col.seq'),
            dataIndex: 'seq',
            width: 96,
            render: (seq: number) => (
              <>
                {seq}
                {seq === props.broken && (
                  <Tag color="error" style={{ marginInlineStart: 6 }}>
                    {t('audit.brokenTag')}
                  </Tag>
                )}
              </>
            ),
          },
          { title: t('audit.col.time'), dataIndex: 'at', width: 170, render: (at: number) => formatTime(at) },
          { title: t('audit.col.actor'), dataIndex: 'actor', width: 80, render: (a: string) => words.actor(a) },
          {
            title: t('audit.col.action'),
            dataIndex: 'action',
            width: 170,
            render: (a: string) => (
              <Tooltip title={a} mouseEnterDelay={0.6}>
                <span>{words.action(a)}</span>
              </Tooltip>
            ),
          },
          { title: t('audit.col.object'), key: 'object', width: 150, render: (_, e) => auditObjectText(words, e.objectType, e.objectId) },
          {
            title: t('audit.col.summary'),
            dataIndex: 'summary',
            render: (s: AuditEntry['summary']) => <Typography.Text style={{ wordBreak: 'break-all' }}>{auditSummaryText(words, s) || '—'}</Typography.Text>,
          },
        ]}
      />
    </div>
  );
}
