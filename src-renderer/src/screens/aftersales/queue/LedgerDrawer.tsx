import { Alert, Button, Descriptions, Drawer, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { Problem } from '../../../../../src-shared/contract/methods/aftersales.js';
import { formatFen, formatTime } from '../../../../../src-shared/format.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { useOrdersChanged } from '../../orders/useOrderEvents.js';
import { PROBLEM_COLOR } from '../labels.js';
import { FixButtons } from './FixButtons.js';

const DRAWER_WIDTH = 640;

/** A problem's line and its 售后 ledger: every action on it, who did it, when and why (oldest first). */
export function LedgerDrawer(props: { problem: Problem | undefined; left: boolean; onClose(): void; onChanged(): void }) {
  const t = useT();
  const { problem } = props;
  return (
    <Drawer
      open={problem !== undefined}
      size={DRAWER_WIDTH}
      title={problem ? t('aftersales.ledger.title', { order: problem.platformOrderId }) : ''}
      onClose={props.onClose}
      destroyOnHidden
      data-testid="ledger-drawer"
    >
      {problem && <LedgerDetail key={problem.lineId} problem={problem} left={props.left} onChanged={props.onChanged} />}
    </Drawer>
  );
}

/** `left`: the problem is no longer in the queue (fixed): its ledger is still worth reading, its fixes are not offered. */
function LedgerDetail(props: { problem: Problem; left: boolean; onChanged(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { problem } = props;
  const ledger = useCall('aftersales.ledger', { lineId: problem.lineId });
  useOrdersChanged(ledger.reload, { lineIds: [problem.lineId] });
  const entries = [...(ledger.data ?? [])].sort((a, b) => a.at - b.at);
  const changed = () => {
    ledger.reload();
    props.onChanged();
  };

  return (
    <Flex vertical gap={20}>
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          { key: 'kind', label: t('aftersales.col.problem'), span: 2, children: <Tag color={PROBLEM_COLOR[problem.kind]}>{t(`aftersales.kind.${problem.kind}`)}</Tag> },
          { key: 'message', label: t('aftersales.ledger.message'), span: 2, children: problem.message },
          { key: 'shop', label: t('aftersales.ledger.shop'), children: `${problem.shopName}（${t(`shops.platform.${problem.platform}`)}）` },
          { key: 'amount', label: t('aftersales.col.amount'), children: formatFen(problem.amountFen) },
          { key: 'item', label: t('aftersales.col.product'), span: 2, children: `${problem.productName ?? t('orders.unmappedProduct')} · ${problem.title}` },
          ...(problem.accountMasked ? [{ key: 'account', label: t('aftersales.line.account'), span: 2, children: <Typography.Text code>{problem.accountMasked}</Typography.Text> }] : []),
          ...(problem.keys.length > 0
            ? [{ key: 'keys', label: t('aftersales.ledger.keys'), span: 2, children: <Flex vertical gap={2}>{problem.keys.map((k) => <Typography.Text key={k.keyId} code>{k.cardNo ? `${k.cardNo} · ${k.secretMasked}` : k.secretMasked}</Typography.Text>)}</Flex> }]
            : []),
          { key: 'paid', label: t('aftersales.ledger.paidAt'), children: problem.paidAt === null ? '—' : formatTime(problem.paidAt) },
          { key: 'since', label: t('aftersales.ledger.since'), children: formatTime(problem.since) },
        ]}
      />
      {props.left ? <Alert type="success" showIcon title={t('aftersales.ledger.left')} data-testid="ledger-left" /> : <FixButtons problem={problem} onChanged={changed} />}
      <div>
        <Typography.Title level={5}>
          {t('aftersales.ledger.history')} <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>{t('common.beijingTime')}</Typography.Text>
        </Typography.Title>
        {ledger.error !== undefined && (
          <Alert type="error" showIcon title={errorText(ledger.error)} action={<Button size="small" onClick={ledger.reload}>{t('common.retry')}</Button>} style={{ marginBottom: 12 }} />
        )}
        {!ledger.data && ledger.error === undefined && <Skeleton active />}
        {ledger.data && entries.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('aftersales.ledger.empty')} />}
        {entries.length > 0 && (
          <Timeline
            data-testid="ledger"
            items={entries.map((e, i) => ({
              key: `${e.at}-${i}`,
              content: (
                <div data-testid="ledger-entry">
                  <Typography.Text strong>{e.text}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatTime(e.at)} · {e.actor}
                    </Typography.Text>
                  </div>
                  {e.reason && <Typography.Text style={{ fontSize: 13 }}>{t('aftersales.ledger.reason', { reason: e.reason })}</Typography.Text>}
                </div>
              ),
            }))}
          />
        )}
      </div>
    </Flex>
  );
}
