import { RedoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Flex, Typography } from 'antd';
import { useState } from 'react';
import type { TopupAttempt } from '../../../../../src-shared/contract/methods/topup.js';
import { formatFen, formatTime } from '../../../../../src-shared/format.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { ReasonModal } from '../../inventory/ReasonModal.js';
import { RETRYABLE_STATES } from '../labels.js';
import { TopupStateTag } from './attempt-columns.js';
import { EvidenceList } from './EvidenceList.js';

const DRAWER_WIDTH = 680;

/** One attempt: where it went, what it cost, what went wrong, its screenshots, and 重试充值. */
export function AttemptDrawer(props: { attempt: TopupAttempt | undefined; onClose(): void; onChanged(): void }) {
  const t = useT();
  const { attempt } = props;
  return (
    <Drawer
      open={attempt !== undefined}
      size={DRAWER_WIDTH}
      title={attempt ? t('topup.detail.title', { order: attempt.platformOrderId }) : ''}
      onClose={props.onClose}
      destroyOnHidden
      data-testid="topup-drawer"
    >
      {attempt && <AttemptDetail key={attempt.id} attempt={attempt} onChanged={props.onChanged} />}
    </Drawer>
  );
}

function AttemptDetail(props: { attempt: TopupAttempt; onChanged(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { attempt } = props;
  const [retrying, setRetrying] = useState(false);
  const dash = (v: string | null) => v ?? '—';

  const retry = async (reason: string) => {
    try {
      const result = await call('topup.retry', { lineId: attempt.lineId, reason });
      message.success(result.message);
      props.onChanged();
    } catch (err) {
      message.error(errorText(err));
      throw err;
    }
  };

  return (
    <Flex vertical gap={20}>
      {attempt.error && <Alert type="error" showIcon title={attempt.error} data-testid="topup-error" />}
      {RETRYABLE_STATES.includes(attempt.state) && (
        <Alert
          type="info"
          showIcon
          title={t('topup.retry.explain')}
          action={
            <Button type="primary" icon={<RedoOutlined />} onClick={() => setRetrying(true)} data-testid="topup-retry">
              {t('topup.retry.action')}
            </Button>
          }
        />
      )}
      <Descriptions
        size="small"
        column={2}
        bordered
        data-testid="topup-detail"
        items={[
          { key: 'state', label: t('topup.col.state'), children: <TopupStateTag state={attempt.state} t={t} /> },
          { key: 'attemptNo', label: t('topup.detail.attemptNo'), children: attempt.attemptNo },
          { key: 'order', label: t('topup.col.order'), span: 2, children: <Typography.Text copyable>{attempt.platformOrderId}</Typography.Text> },
          { key: 'shop', label: t('topup.detail.shop'), children: attempt.shopName },
          { key: 'product', label: t('topup.col.product'), children: dash(attempt.productName) },
          { key: 'account', label: t('topup.col.account'), children: <Typography.Text code>{attempt.accountMasked}</Typography.Text> },
          { key: 'via', label: t('topup.col.via'), children: `${attempt.via}（${t(`topup.route.${attempt.route}`)}）` },
          { key: 'customerOrderNo', label: t('topup.detail.customerOrderNo'), span: 2, children: <Typography.Text copyable>{attempt.customerOrderNo}</Typography.Text> },
          attempt.route === 'supplier'
            ? { key: 'supplierOrderId', label: t('topup.detail.supplierOrderId'), span: 2, children: dash(attempt.supplierOrderId) }
            : { key: 'portalOrderNo', label: t('topup.detail.portalOrderNo'), span: 2, children: dash(attempt.portalOrderNo) },
          { key: 'cost', label: t('topup.col.cost'), children: attempt.costFen === null ? '—' : formatFen(attempt.costFen) },
          { key: 'started', label: t('topup.col.startedAt'), children: formatTime(attempt.startedAt) },
          { key: 'finished', label: t('topup.detail.finishedAt'), span: 2, children: attempt.finishedAt === null ? t('topup.detail.notFinished') : formatTime(attempt.finishedAt) },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('topup.evidence.title')}</Typography.Title>
        <EvidenceList attempt={attempt} />
      </div>
      <ReasonModal
        open={retrying}
        title={t('topup.retry.title')}
        explain={t('topup.retry.explain')}
        okText={t('topup.retry.action')}
        testId="topup-retry"
        onSubmit={retry}
        onClose={() => setRetrying(false)}
      />
    </Flex>
  );
}
