import { CheckCircleFilled, CloseCircleFilled, PaperClipOutlined } from '@ant-design/icons';
import { Alert, Empty, Flex, Image, Skeleton, Typography } from 'antd';
import type { TopupAttempt } from '../../../../../src-shared/contract/methods/topup.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';

const THUMB_WIDTH = 360;

/**
 * The screenshots an RPA attempt kept, one per step, top to bottom in the order they were taken; each is
 * read through `topup.evidenceImage` only when the drawer shows it. A failed run also kept a trace file.
 */
export function EvidenceList(props: { attempt: TopupAttempt }) {
  const t = useT();
  const { attempt } = props;
  if (attempt.evidence.length === 0 && !attempt.hasTrace) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(attempt.route === 'rpa' ? 'topup.evidence.none' : 'topup.evidence.supplier')} />;
  }
  return (
    <Flex vertical gap={16} data-testid="topup-evidence">
      {attempt.hasTrace && <Alert type="info" showIcon icon={<PaperClipOutlined />} title={t('topup.evidence.trace')} data-testid="topup-trace" />}
      {attempt.evidence.map((step, i) => (
        <div key={step.file} data-testid="topup-evidence-step" data-ok={step.ok}>
          <Typography.Text strong>
            {step.ok ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}{' '}
            {t('topup.evidence.step', { n: i + 1, title: step.title })}
          </Typography.Text>
          <Typography.Text type={step.ok ? 'secondary' : 'danger'} style={{ marginInlineStart: 8, fontSize: 12 }}>
            {t(step.ok ? 'topup.evidence.ok' : 'topup.evidence.failed')}
          </Typography.Text>
          <div style={{ marginTop: 6 }}>
            <Screenshot attemptId={attempt.id} file={step.file} alt={step.title} ok={step.ok} />
          </div>
        </div>
      ))}
    </Flex>
  );
}

/** One screenshot: PNG bytes from the core as a data URL (the CSP allows `data:` images only). */
function Screenshot(props: { attemptId: number; file: string; alt: string; ok: boolean }) {
  const errorText = useErrorText();
  const image = useCall('topup.evidenceImage', { attemptId: props.attemptId, file: props.file });
  if (image.error !== undefined && !image.data) return <Alert type="warning" showIcon title={errorText(image.error)} />;
  if (!image.data) return <Skeleton.Image active style={{ width: THUMB_WIDTH, height: 200 }} />;
  return (
    <Image
      src={`data:image/png;base64,${image.data.base64}`}
      alt={props.alt}
      width={THUMB_WIDTH}
      style={{ border: `1px solid ${props.ok ? '#f0f0f0' : '#ff4d4f'}`, borderRadius: 6 }}
      data-testid="topup-evidence-image"
    />
  );
}
