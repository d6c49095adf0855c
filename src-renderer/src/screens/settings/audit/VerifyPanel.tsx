import { AimOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import type { AuditVerifyResult } from '../../../../../src-shared/contract/methods/audit.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';

function VerifyResult(props: { result: AuditVerifyResult; onLocate(seq: number): void }) {
  const t = useT();
  const { result } = props;
  if (result.ok) {
    return <Alert type="success" showIcon data-testid="audit-verify-result" title={t('audit.verify.ok', { entries: result.entries.toLocaleString('zh-CN') })} />;
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
          <Typography.Text type="danger" data-testid="audit-first-broken" data-seq={broken.seq}>
            {t('audit.verify.firstBroken', {
              seq: broken.seq,
              at: broken.at === null ? t('audit.verify.unknownTime') : formatTime(broken.at),
              reason: broken.reason,
            })}
            {result.entries > 0 && t('audit.verify.goodBefore', { good: result.entries.toLocaleString('zh-CN') })}
          </Typography.Text>
        )
      }
      action={
        broken && (
          <Button danger icon={<AimOutlined />} onClick={() => props.onLocate(broken.seq)} data-testid="audit-locate">
            {t('audit.verify.locate')}
          </Button>
        )
      }
    />
  );
}

/** 校验审计链: re-walks the chain on the core side and names the first broken entry, with a way to it. */
export function VerifyPanel(props: { onVerified(result: AuditVerifyResult): void; onLocate(seq: number): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult>();

  const verify = async () => {
    setVerifying(true);
    try {
      const answer = await call('audit.verify', {});
      setResult(answer);
      props.onVerified(answer);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Flex gap={16} align="center" wrap>
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">
          {t('audit.verify.button')}
        </Button>
        <Typography.Text type="secondary" style={{ flex: 1, minWidth: 280 }}>
          {t('audit.explain')}
        </Typography.Text>
      </Flex>
      {result && <VerifyResult result={result} onLocate={props.onLocate} />}
    </Flex>
  );
}
