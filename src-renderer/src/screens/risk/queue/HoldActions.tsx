import { CheckOutlined, CloseOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { RiskHoldView } from '../../../../../src-shared/contract/methods/risk.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { ReasonModal } from '../../inventory/ReasonModal.js';
import { BlacklistModal } from './BlacklistModal.js';

/**
 * 放行 / 拒绝 / 拉黑并拒绝 for an open hold. Each is audited by the core; 拒绝 and 拉黑 ask for the
 * reason first. The queue re-reads afterwards (and on `risk.changed`).
 */
export function HoldActions(props: { hold: RiskHoldView; onChanged(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { hold, onChanged } = props;
  const [approving, setApproving] = useState(false);
  const [dialog, setDialog] = useState<'reject' | 'blacklist'>();

  const approve = async () => {
    setApproving(true);
    try {
      await call('risk.holds.approve', { lineId: hold.lineId });
      message.success(t('risk.hold.approved', { order: hold.platformOrderId }));
      onChanged();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setApproving(false);
    }
  };

  const reject = async (reason: string) => {
    try {
      await call('risk.holds.reject', { lineId: hold.lineId, reason });
      message.success(t('risk.hold.rejected', { order: hold.platformOrderId }));
      onChanged();
    } catch (err) {
      message.error(errorText(err));
      throw err;
    }
  };

  return (
    <>
      <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
        <Popconfirm
          title={t('risk.hold.approveTitle')}
          description={t('risk.hold.approveExplain')}
          okText={t('risk.hold.approve')}
          cancelText={t('common.cancel')}
          onConfirm={() => approve()}
          okButtonProps={{ 'data-testid': 'hold-approve-ok' } as ButtonProps}
        >
          <Button size="small" type="primary" icon={<CheckOutlined />} loading={approving} data-testid="hold-approve">
            {t('risk.hold.approve')}
          </Button>
        </Popconfirm>
        <Button size="small" icon={<CloseOutlined />} onClick={() => setDialog('reject')} data-testid="hold-reject">
          {t('risk.hold.reject')}
        </Button>
        <Button size="small" danger icon={<StopOutlined />} onClick={() => setDialog('blacklist')} data-testid="hold-blacklist">
          {t('risk.hold.blacklist')}
        </Button>
      </Space>
      <ReasonModal
        open={dialog === 'reject'}
        title={t('risk.hold.rejectTitle', { order: hold.platformOrderId })}
        explain={t('risk.hold.rejectExplain')}
        okText={t('risk.hold.reject')}
        danger
        testId="hold-reject"
        onSubmit={reject}
        onClose={() => setDialog(undefined)}
      />
      {dialog === 'blacklist' && (
        <BlacklistModal
          hold={hold}
          onClose={() => setDialog(undefined)}
          onDone={() => {
            setDialog(undefined);
            onChanged();
          }}
        />
      )}
    </>
  );
}
