import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Result, Spin, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { MethodOutput } from '../../../../../src-shared/contract/index.js';
import { call, uploadFile } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';

type ListKind = 'black' | 'white';
type ImportResult = MethodOutput<'risk.lists.import'>;
type Problem = ImportResult['problems'][number];

const ACCEPTED = '.xlsx,.xls,.csv';
/** The columns the core reads, in order, with an example row each: what the hint shows. */
const EXAMPLE = [
  { subject: '买家', value: 'tb_buyer_8812', note: '多次恶意退款' },
  { subject: 'IP', value: '203.0.113.0/24', note: '同一机房批量下单' },
  { subject: '手机号', value: '13800000000', note: '' },
];

/**
 * 导入: a sheet with the columns 类型、内容、备注 added to the list; rows the core refused are listed with
 * their row number and reason, the rest are in.
 */
export function ImportModal(props: { list: ListKind; onClose(): void; onImported(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<ImportResult>();

  const run = async (file: File) => {
    setBusy(true);
    setError(undefined);
    try {
      const { uploadId } = await uploadFile(file);
      const done = await call('risk.lists.import', { list: props.list, uploadId });
      setResult(done);
      if (done.added > 0) props.onImported();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('risk.list.importTitle', { list: t(`risk.list.${props.list}`) })}
      onCancel={props.onClose}
      footer={<Button onClick={props.onClose} data-testid="list-import-close">{t(result ? 'risk.list.importDone' : 'common.cancel')}</Button>}
      width={640}
      destroyOnHidden
      data-testid="list-import-modal"
    >
      {result ? (
        <Flex vertical gap={12} data-testid="list-import-result">
          <Result
            status={result.problems.length === 0 ? 'success' : 'warning'}
            title={t('risk.list.importSummary', { added: result.added, duplicates: result.duplicates, problems: result.problems.length })}
            style={{ padding: '8px 0' }}
          />
          {result.problems.length > 0 && (
            <Table<Problem>
              size="small"
              rowKey="row"
              dataSource={result.problems}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              data-testid="list-import-problems"
              columns={[
                { title: t('risk.list.importRow'), dataIndex: 'row', width: 90, render: (row: number) => t('risk.list.rowN', { n: row }) },
                { title: t('risk.list.importReason'), dataIndex: 'reason' },
              ]}
            />
          )}
          <Button onClick={() => setResult(undefined)}>{t('risk.list.importAnother')}</Button>
        </Flex>
      ) : (
        <Spin spinning={busy} description={t('risk.list.importing')}>
          <Flex vertical gap={12}>
            {error && <Alert type="error" showIcon title={error} data-testid="list-import-error" />}
            <Upload.Dragger
              accept={ACCEPTED}
              multiple={false}
              showUploadList={false}
              beforeUpload={(file) => {
                void run(file);
                return Upload.LIST_IGNORE;
              }}
              data-testid="list-import-dragger"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('risk.list.importDrag')}</p>
              <p className="ant-upload-hint">{t('risk.list.importHint')}</p>
            </Upload.Dragger>
            <Typography.Text strong>{t('risk.list.templateTitle')}</Typography.Text>
            <Table
              size="small"
              rowKey="value"
              pagination={false}
              dataSource={EXAMPLE}
              columns={[
                { title: '类型', dataIndex: 'subject', width: 90 },
                { title: '内容', dataIndex: 'value' },
                { title: '备注', dataIndex: 'note' },
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('risk.list.templateHelp')}
            </Typography.Text>
          </Flex>
        </Spin>
      )}
    </Modal>
  );
}
