import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Input, Popconfirm, Segmented, Select, Space, Table, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { ListEntryView, RiskSubject } from '../../../../../src-shared/contract/methods/risk.js';
import { call } from '../../../api/index.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { useSaveDownload } from '../../inventory/useSaveDownload.js';
import { SUBJECTS } from '../labels.js';
import { useRiskChanged } from '../useRiskEvents.js';
import { AddEntryModal } from './AddEntryModal.js';
import { ImportModal } from './ImportModal.js';
import { LIST_TABLE_WIDTH, listColumns } from './list-columns.js';

type ListKind = 'black' | 'white';
const PAGE = 50;

/**
 * 名单: the black and white lists, filtered by subject and searched, page by page from the core; add,
 * remove, import a sheet, export (plaintext: audited, so it asks first).
 */
export function ListsTab() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const save = useSaveDownload();
  const [list, setList] = useState<ListKind>('black');
  const [subject, setSubject] = useState<RiskSubject>();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const entries = useCall('risk.lists.list', { list, ...(subject && { subject }), ...(query && { query }), offset: (page - 1) * PAGE, limit: PAGE });
  // Blacklisting from the queue or an order lands here too.
  useRiskChanged(entries.reload);
  const [busy, setBusy] = useState<number>();
  const [dialog, setDialog] = useState<'add' | 'import'>();
  const [exporting, setExporting] = useState(false);

  const remove = async (e: ListEntryView) => {
    setBusy(e.id);
    try {
      await call('risk.lists.remove', { id: e.id });
      message.success(t('risk.list.removed', { value: e.valueMasked }));
      entries.reload();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };
  const columns = listColumns(t, { busy, onRemove: (e) => void remove(e) });

  const exportList = async () => {
    setExporting(true);
    await save(() => call('risk.lists.export', { list }));
    setExporting(false);
  };

  const filtered = subject !== undefined || query !== '';

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Space size={12} wrap>
          <Segmented<ListKind>
            value={list}
            onChange={(v) => {
              setList(v);
              setPage(1);
            }}
            options={[
              { value: 'black', label: <span data-testid="list-kind-black">{t('risk.list.black')}</span> },
              { value: 'white', label: <span data-testid="list-kind-white">{t('risk.list.white')}</span> },
            ]}
          />
          <Select<RiskSubject | 'all'>
            value={subject ?? 'all'}
            onChange={(v) => {
              setSubject(v === 'all' ? undefined : v);
              setPage(1);
            }}
            options={[{ value: 'all', label: t('risk.list.allSubjects') }, ...SUBJECTS.map((s) => ({ value: s, label: t(`risk.subject.${s}`) }))]}
            style={{ width: 130 }}
            data-testid="list-subject-filter"
          />
          <Input.Search
            allowClear
            maxLength={100}
            placeholder={t('risk.list.search')}
            onSearch={(v) => {
              setQuery(v.trim());
              setPage(1);
            }}
            style={{ width: 240 }}
            data-testid="list-search"
          />
        </Space>
        <Space size={8}>
          <Button icon={<UploadOutlined />} onClick={() => setDialog('import')} data-testid="list-import">
            {t('risk.list.import')}
          </Button>
          <Popconfirm title={t('risk.list.exportTitle')} description={t('risk.list.exportExplain')} okText={t('risk.list.export')} cancelText={t('common.cancel')} onConfirm={() => exportList()} okButtonProps={{ 'data-testid': 'list-export-ok' } as ButtonProps}>
            <Button icon={<DownloadOutlined />} loading={exporting} data-testid="list-export">
              {t('risk.list.export')}
            </Button>
          </Popconfirm>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('add')} data-testid="list-add">
            {t('risk.list.add')}
          </Button>
        </Space>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t(`risk.list.explain.${list}`)}
      </Typography.Text>
      {entries.error !== undefined && (
        <Alert type="error" showIcon title={errorText(entries.error)} action={<Button size="small" onClick={entries.reload}>{t('common.retry')}</Button>} data-testid="list-error" />
      )}
      <Table<ListEntryView>
        data-testid="list-table"
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={entries.data?.entries ?? []}
        loading={entries.loading && !entries.data}
        scroll={{ x: LIST_TABLE_WIDTH }}
        pagination={{ current: page, pageSize: PAGE, total: entries.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => t('risk.list.total', { n }) }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('risk.list.noMatch') : t(`risk.list.empty.${list}`)} /> }}
      />
      {dialog === 'add' && (
        <AddEntryModal
          list={list}
          onClose={() => setDialog(undefined)}
          onAdded={() => {
            setDialog(undefined);
            entries.reload();
          }}
        />
      )}
      {dialog === 'import' && <ImportModal list={list} onClose={() => setDialog(undefined)} onImported={entries.reload} />}
    </Flex>
  );
}
