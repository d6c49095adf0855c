import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Result, Row, Statistic, Table, Typography } from 'antd';
import type { ImportOutcome } from '../../../../../src-shared/contract/methods/imports.js';
import { call } from '../../../api/index.js';
import { useT } from '../../../i18n/index.js';
import { useSaveDownload } from '../useSaveDownload.js';

type ProblemRow = ImportOutcome['invalid'][number];

/** Step 4: what landed, what did not and why, and the way forward from a refused import. */
export function ResultStep(props: { outcome: ImportOutcome; mode: 'all' | 'partial'; onRetryValidOnly(): void; onBack(): void; onAnother(): void; onDone(): void }) {
  const t = useT();
  const save = useSaveDownload();
  const o = props.outcome;
  const problems = o.invalidCount + o.duplicatesInFile + o.duplicatesInStock;
  const status = o.status === 'rejected' ? 'error' : problems > 0 ? 'warning' : 'success';
  const canRetry = o.status === 'rejected' && props.mode === 'all' && o.invalidCount > 0;
  const figures = [
    { key: 'imported', title: t('inventory.result.imported'), value: o.imported, color: o.imported > 0 ? '#389e0d' : undefined },
    { key: 'dupFile', title: t('inventory.result.dupFile'), value: o.duplicatesInFile, color: o.duplicatesInFile > 0 ? '#d48806' : undefined },
    { key: 'dupStock', title: t('inventory.result.dupStock'), value: o.duplicatesInStock, color: o.duplicatesInStock > 0 ? '#d48806' : undefined },
    { key: 'invalid', title: t('inventory.result.invalid'), value: o.invalidCount, color: o.invalidCount > 0 ? '#cf1322' : undefined },
  ];

  return (
    <div data-testid="import-result">
      <Result
        status={status}
        style={{ padding: '16px 24px 8px' }}
        title={<span data-testid="import-result-title">{o.status === 'rejected' ? t('inventory.result.rejected') : t('inventory.result.committed', { count: o.imported.toLocaleString('zh-CN') })}</span>}
        subTitle={o.status === 'rejected' ? o.rejectedBecause : problems > 0 ? t('inventory.result.someSkipped') : t('inventory.result.allGood')}
        extra={
          <Flex justify="center" gap={8} wrap>
            {canRetry && (
              <Button type="primary" icon={<ReloadOutlined />} onClick={props.onRetryValidOnly} data-testid="import-retry-partial">
                {t('inventory.result.retryValidOnly')}
              </Button>
            )}
            {o.importId !== null && problems > 0 && (
              <Button icon={<DownloadOutlined />} onClick={() => void save(() => call('inventory.importProblems', { importId: o.importId! }))} data-testid="import-result-problems">
                {t('inventory.imports.problems')}
              </Button>
            )}
            {o.status === 'rejected' && <Button onClick={props.onBack}>{t('inventory.result.back')}</Button>}
            <Button onClick={props.onAnother}>{t('inventory.result.another')}</Button>
            {!canRetry && (
              <Button type={o.status === 'committed' ? 'primary' : 'default'} onClick={props.onDone} data-testid="import-done">
                {t('inventory.result.done')}
              </Button>
            )}
          </Flex>
        }
      />
      <Row gutter={12} style={{ marginBottom: 16 }}>
        {figures.map((f) => (
          <Col span={6} key={f.key}>
            <div style={{ background: '#f7f9fc', borderRadius: 8, padding: '10px 14px' }} data-testid={`import-count-${f.key}`}>
              <Statistic title={f.title} value={f.value} styles={{ content: { color: f.color, fontSize: 22 } }} />
            </div>
          </Col>
        ))}
      </Row>
      {o.invalid.length > 0 && (
        <>
          <Typography.Text strong>
            {o.invalidCount > o.invalid.length
              ? t('inventory.result.invalidShownOf', { shown: o.invalid.length, total: o.invalidCount.toLocaleString('zh-CN') })
              : t('inventory.result.invalidRows', { total: o.invalidCount })}
          </Typography.Text>
          <Table<ProblemRow>
            data-testid="import-invalid-table"
            size="small"
            rowKey={(r) => `${r.row}:${r.reason}`}
            dataSource={o.invalid}
            pagination={false}
            virtual
            scroll={{ x: 600, y: 200 }}
            style={{ marginTop: 8 }}
            columns={[
              { title: t('inventory.import.rowNo'), dataIndex: 'row', width: 80 },
              { title: t('inventory.result.reason'), dataIndex: 'reason', width: 520 },
            ]}
          />
        </>
      )}
    </div>
  );
}
