import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { AuditEntry, AuditVerifyResult } from '../../../../src-shared/contract/methods/audit.js';
import { formatTime } from '../../../../src-shared/format.js';
import { call, onEvent } from '../../api/index.js';
import { useCall } from '../../hooks/useCall.js';
import { useErrorText, useT } from '../../i18n/index.js';
import { actionLabel, actorLabel, summaryText } from './audit-labels.js';

const PAGE = 20;

function VerifyResult(props: { result: AuditVerifyResult }) {
  const t = useT();
  const { result } = props;
  if (result.ok) {
    return <Alert type="success" showIcon data-testid="audit-verify-result" title={t('audit.verify.ok', { entries: result.entries })} />;
  }
  const broken = result.firstBroken;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="audit-verify-result"
      title={t('audit.verify.broken')}
      description={
        broken && (
          <Typography.Text type="danger">
            {t('audit.verify.firstBroken', {
              seq: broken.seq,
              at: broken.at === null ? t('audit.verify.unknownTime') : formatTime(broken.at),
              reason: broken.reason,
            })}
            {result.entries > 0 && t('audit.verify.goodBefore', { good: result.entries })}
          </Typography.Text>
        )
      }
    />
  );
}

/** Re-walk the tamper-evident chain on demand, and read the latest entries. */
export function AuditSection() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult>();
  const recent = useCall('audit.list', { limit: PAGE });
  const { reload } = recent;

  // Every vault or sandbox change writes an audit entry, so those events mean the list is stale.
  useEffect(
    () =>
      onEvent((message) => {
        if (message.event === 'vault.changed' || message.event === 'sandbox.changed') reload();
      }, reload),
    [reload],
  );

  const verify = async () => {
    setVerifying(true);
    try {
      setResult(await call('audit.verify', {}));
      recent.reload();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Paragraph type="secondary">{t('audit.explain')}</Typography.Paragraph>
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">
          {t('audit.verify.button')}
        </Button>
      </div>
      {result && <VerifyResult result={result} />}
      <div>
        <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
          <Typography.Text strong>
            {t('audit.recent', { shown: recent.data?.entries.length ?? 0, total: recent.data?.total ?? 0 })}
          </Typography.Text>
          <Button size="small" icon={<ReloadOutlined />} onClick={recent.reload}>
            {t('common.refresh')}
          </Button>
        </Space>
        {recent.error !== undefined && <Alert type="error" showIcon title={errorText(recent.error)} style={{ marginBottom: 8 }} />}
        <Table<AuditEntry>
          data-testid="audit-table"
          size="small"
          rowKey="seq"
          loading={recent.loading}
          dataSource={recent.data?.entries ?? []}
          pagination={false}
          scroll={{ x: 640 }}
          columns={[
            { title: '#', dataIndex: 'seq', width: 60 },
            { title: t('audit.col.time'), dataIndex: 'at', width: 180, render: (at: number) => formatTime(at) },
            { title: t('audit.col.actor'), dataIndex: 'actor', width: 90, render: (a: string) => actorLabel(t, a) },
            { title: t('audit.col.action'), dataIndex: 'action', width: 160, render: (a: string) => actionLabel(t, a) },
            { title: t('audit.col.summary'), dataIndex: 'summary', render: (s: AuditEntry['summary']) => summaryText(t, s) || '—' },
          ]}
        />
      </div>
    </Space>
  );
}
