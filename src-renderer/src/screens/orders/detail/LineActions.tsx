import { LinkOutlined, RedoOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import type { OrderLine } from '../../../../../src-shared/contract/methods/orders.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { ReasonModal } from '../../inventory/ReasonModal.js';
import { lineActions } from '../labels.js';
import { MapProductModal } from './MapProductModal.js';

/**
 * What the owner can do with a line in its current status: deliver now, retry with the same keys,
 * cancel (reason asked, audited), or map an unmapped item to a product. Every outcome is a message;
 * the drawer and the table re-read afterwards.
 */
export function LineActions(props: { line: OrderLine; onChanged(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { line, onChanged } = props;
  const [busy, setBusy] = useState<'deliverNow' | 'retry'>();
  const [cancelling, setCancelling] = useState(false);
  const [mapping, setMapping] = useState(false);
  const actions = lineActions(line.status);
  if (actions.length === 0) return null;

  const done = (updated: OrderLine) => {
    message.success(t('orders.action.done', { status: t(`orders.status.${updated.status}`) }));
    onChanged();
  };

  const run = async (kind: 'deliverNow' | 'retry') => {
    setBusy(kind);
    try {
      done(await call(kind === 'deliverNow' ? 'orders.deliverNow' : 'orders.retry', { lineId: line.id }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  const cancel = async (reason: string) => {
    try {
      done(await call('orders.cancel', { lineId: line.id, reason }));
    } catch (err) {
      message.error(errorText(err));
      throw err;
    }
  };

  return (
    <>
      <Space size={4} wrap>
      {actions.includes('map') && (
        <Button size="small" type="primary" icon={<LinkOutlined />} onClick={() => setMapping(true)} data-testid="line-map">
          {t('orders.action.map')}
        </Button>
      )}
      {actions.includes('deliverNow') && (
        <Popconfirm
          title={t('orders.action.deliverNowTitle')}
          description={t(line.status === 'held' ? 'orders.action.deliverNowHeld' : 'orders.action.deliverNowExplain')}
          okText={t('orders.action.deliverNow')}
          cancelText={t('common.cancel')}
          onConfirm={() => run('deliverNow')}
        >
          <Button size="small" type="primary" icon={<SendOutlined />} loading={busy === 'deliverNow'} data-testid="line-deliver-now">
            {t('orders.action.deliverNow')}
          </Button>
        </Popconfirm>
      )}
      {actions.includes('retry') && (
        <Button size="small" icon={<RedoOutlined />} loading={busy === 'retry'} onClick={() => void run('retry')} data-testid="line-retry">
          {t('orders.action.retry')}
        </Button>
      )}
      {actions.includes('cancel') && (
        <Button size="small" danger icon={<StopOutlined />} onClick={() => setCancelling(true)} data-testid="line-cancel">
          {t('orders.action.cancel')}
        </Button>
      )}
      </Space>
      <ReasonModal
        open={cancelling}
        title={t('orders.cancel.title')}
        explain={t('orders.cancel.explain')}
        okText={t('orders.action.cancel')}
        danger
        testId="line-cancel"
        onSubmit={cancel}
        onClose={() => setCancelling(false)}
      />
      {mapping && (
        <MapProductModal
          line={line}
          onClose={() => setMapping(false)}
          onMapped={() => {
            setMapping(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}
