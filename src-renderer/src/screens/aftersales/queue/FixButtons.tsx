import {
  CheckCircleOutlined, CheckOutlined, DollarOutlined, EditOutlined, ExportOutlined, FileSearchOutlined, LinkOutlined,
  RedoOutlined, SendOutlined, SwapOutlined, WarningOutlined,
} from '@ant-design/icons';
import { App, Button, Popconfirm, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import type { FixAction, Problem } from '../../../../../src-shared/contract/methods/aftersales.js';
import { LINE_STATUS_TITLES, type OrderLine } from '../../../../../src-shared/contract/methods/orders.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { useHashRoute } from '../../../shell/useHashRoute.js';
import { MapProductModal } from '../../orders/detail/MapProductModal.js';
import { FIX_ORDER, isDialogFix, type DialogFix } from '../labels.js';
import type { FixOutcome } from './fix-calls.js';
import { FixModal } from './FixModal.js';

const ICONS: Record<FixAction, ReactNode> = {
  resend: <SendOutlined />,
  replace: <SwapOutlined />,
  check_redemption: <FileSearchOutlined />,
  mark_redeemed: <CheckCircleOutlined />,
  retry_topup: <RedoOutlined />,
  set_account: <EditOutlined />,
  record_refund: <DollarOutlined />,
  claim: <WarningOutlined />,
  take_over: <ExportOutlined />,
  map: <LinkOutlined />,
  deliver_now: <SendOutlined />,
  resolve: <CheckOutlined />,
};

/**
 * The one-click fixes a problem offers (exactly the `actions` the core listed). Recorded fixes ask for a
 * reason first; 查核销 and 立即发货 run at once (the latter after a confirm); 打开浏览器处理 goes to the
 * site accounts in 代充, 关联商品 opens the orders screen's mapping dialog. Outcomes are the core's words.
 */
export function FixButtons(props: { problem: Problem; onChanged(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [, navigate] = useHashRoute();
  const { problem, onChanged } = props;
  const [dialog, setDialog] = useState<DialogFix>();
  const [mapping, setMapping] = useState<OrderLine>();
  const [busy, setBusy] = useState<FixAction>();
  const actions = FIX_ORDER.filter((a) => problem.actions.includes(a));

  const statusTitle = (status: string) => (status in LINE_STATUS_TITLES ? t(`orders.status.${status as OrderLine['status']}`) : status);
  const done = (outcome: FixOutcome) => {
    message.success(outcome.kind === 'message' ? outcome.text : t('aftersales.fix.statusNow', { status: statusTitle(outcome.status) }));
    onChanged();
  };

  const run = async (action: FixAction, work: () => Promise<FixOutcome | undefined>) => {
    setBusy(action);
    try {
      const outcome = await work();
      if (outcome) done(outcome);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  const direct: Partial<Record<FixAction, () => void>> = {
    check_redemption: () => void run('check_redemption', async () => ({ kind: 'message', text: (await call('aftersales.checkRedemption', { lineId: problem.lineId })).message })),
    take_over: () => navigate('topup', 'portals'),
    map: () =>
      void run('map', async () => {
        const order = await call('orders.get', { orderId: problem.orderId });
        const line = order.lines.find((l) => l.id === problem.lineId);
        if (line) setMapping(line);
        else message.error(t('aftersales.fix.lineGone'));
        return undefined;
      }),
  };

  const button = (action: FixAction, index: number, onClick?: () => void) => (
    <Button
      key={action}
      size="small"
      type={index === 0 ? 'primary' : 'default'}
      icon={ICONS[action]}
      loading={busy === action}
      onClick={onClick}
      data-testid={`fix-${action}`}
    >
      {t(`aftersales.action.${action}`)}
    </Button>
  );

  return (
    // Clicks here (and in the dialogs, whose React parent this is) must not open the row's ledger.
    <div onClick={(e) => e.stopPropagation()}>
      <Space size={[4, 4]} wrap>
        {actions.map((action, i) => {
          if (isDialogFix(action)) return button(action, i, () => setDialog(action));
          if (action === 'deliver_now') {
            return (
              <Popconfirm
                key={action}
                title={t('orders.action.deliverNowTitle')}
                description={t(problem.status === 'held' ? 'orders.action.deliverNowHeld' : 'orders.action.deliverNowExplain')}
                okText={t('orders.action.deliverNow')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  run('deliver_now', async () => ({ kind: 'status', status: (await call('orders.deliverNow', { lineId: problem.lineId })).status }))
                }
              >
                {button(action, i)}
              </Popconfirm>
            );
          }
          return button(action, i, direct[action]);
        })}
      </Space>
      {dialog && (
        <FixModal
          problem={problem}
          action={dialog}
          onClose={() => setDialog(undefined)}
          onDone={(outcome) => {
            setDialog(undefined);
            done(outcome);
          }}
        />
      )}
      {mapping && (
        <MapProductModal
          line={mapping}
          onClose={() => setMapping(undefined)}
          onMapped={() => {
            setMapping(undefined);
            onChanged();
          }}
        />
      )}
    </div>
  );
}
