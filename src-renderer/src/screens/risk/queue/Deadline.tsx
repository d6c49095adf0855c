import { ClockCircleOutlined } from '@ant-design/icons';
import { Space, Tooltip, Typography } from 'antd';
import type { RiskHoldView } from '../../../../../src-shared/contract/methods/risk.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { small } from '../labels.js';
import { deadlineTone, formatSpan } from './deadline.js';

/**
 * The platform's shipping deadline of an open hold as a countdown, red once the core would alert;
 * for a delay hold also when it releases by itself.
 */
export function Deadline(props: { hold: RiskHoldView; now: number; alertBeforeMs: number }) {
  const t = useT();
  const { hold, now } = props;
  const tone = deadlineTone(hold.deadlineAt, now, props.alertBeforeMs);
  const left = hold.deadlineAt - now;
  return (
    <Space orientation="vertical" size={0}>
      <Tooltip title={t('risk.deadline.at', { time: formatTime(hold.deadlineAt) })}>
        <Typography.Text type={tone === 'ok' ? undefined : 'danger'} strong={tone !== 'ok'} style={{ whiteSpace: 'nowrap' }} data-testid="hold-deadline" data-tone={tone}>
          <ClockCircleOutlined style={{ marginInlineEnd: 4 }} />
          {tone === 'over' ? t('risk.deadline.over', { span: formatSpan(t, -left) }) : t('risk.deadline.left', { span: formatSpan(t, left) })}
        </Typography.Text>
      </Tooltip>
      {hold.releaseAt !== null && (
        <Typography.Text type="secondary" style={small} data-testid="hold-release-at">
          {hold.releaseAt > now ? t('risk.deadline.releaseAt', { time: formatTime(hold.releaseAt) }) : t('risk.deadline.releasing')}
        </Typography.Text>
      )}
      {hold.alertedAt !== null && (
        <Typography.Text type="warning" style={small}>
          {t('risk.deadline.alerted', { time: formatTime(hold.alertedAt) })}
        </Typography.Text>
      )}
    </Space>
  );
}
