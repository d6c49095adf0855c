import { SafetyCertificateTwoTone } from '@ant-design/icons';
import { Alert, Button, Flex, Segmented, Table, Typography } from 'antd';
import { useMemo, useState, type Key } from 'react';
import type { RiskHoldView } from '../../../../../src-shared/contract/methods/risk.js';
import { ScreenEmpty } from '../../../components/ScreenEmpty.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { useHashRoute } from '../../../shell/useHashRoute.js';
import { useNow, useRiskChanged } from '../useRiskEvents.js';
import { HOLD_TABLE_WIDTH, holdColumns } from './hold-columns.js';
import { HoldDetail } from './HoldDetail.js';

type Scope = 'open' | 'closed' | 'all';
const LIMIT = 200;
/** What the core alerts at when the settings cannot be read: its own default. */
const DEFAULT_ALERT_BEFORE_MINUTES = 60;

/**
 * 待处理: the lines the risk rules held, with the reasons (the rules that matched), a countdown to the
 * platform's shipping deadline and the owner's three decisions; a row opens the signals the rules saw.
 * Live on `risk.changed` / `orders.changed`.
 */
export function HoldQueue() {
  const t = useT();
  const errorText = useErrorText();
  const [, navigate] = useHashRoute();
  const [scope, setScope] = useState<Scope>('open');
  const holds = useCall('risk.holds.list', { status: scope, limit: LIMIT });
  const settings = useCall('risk.settings.get', {});
  useRiskChanged(holds.reload);
  const now = useNow(30_000);
  const alertBeforeMs = (settings.data?.alertBeforeMinutes ?? DEFAULT_ALERT_BEFORE_MINUTES) * 60_000;
  const columns = useMemo(() => holdColumns(t, { now, alertBeforeMs, onChanged: holds.reload }), [t, now, alertBeforeMs, holds.reload]);
  const rows = holds.data?.holds ?? [];
  // The first row starts open, so the signals are in sight without a click; the owner's choice then wins.
  const [expanded, setExpanded] = useState<readonly Key[]>();
  const expandedKeys = expanded ?? (rows[0] ? [rows[0].lineId] : []);

  const header = (
    <Flex justify="space-between" align="center" gap={12} wrap>
      <Segmented<Scope>
        value={scope}
        onChange={setScope}
        options={[
          { value: 'open', label: <span data-testid="holds-scope-open">{t('risk.scope.open', { count: holds.data?.open ?? 0 })}</span> },
          { value: 'closed', label: <span data-testid="holds-scope-closed">{t('risk.scope.closed')}</span> },
          { value: 'all', label: t('risk.scope.all') },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('risk.queue.explain')}
      </Typography.Text>
    </Flex>
  );

  if (holds.data && scope === 'open' && rows.length === 0) {
    return (
      <Flex vertical gap={12}>
        {header}
        <div data-testid="holds-empty">
          <ScreenEmpty
            image={<SafetyCertificateTwoTone twoToneColor="#1f5eff" style={{ fontSize: 72 }} />}
            title={t('risk.empty.title')}
            description={t('risk.empty.description')}
            steps={[
              { title: t('risk.step1.title'), content: t('risk.step1.content') },
              { title: t('risk.step2.title'), content: t('risk.step2.content') },
            ]}
            extra={<Button onClick={() => navigate('risk', 'rules')} data-testid="holds-empty-rules">{t('risk.queue.seeRules')}</Button>}
          />
        </div>
      </Flex>
    );
  }

  return (
    <Flex vertical gap={12}>
      {header}
      {holds.error !== undefined && (
        <Alert type="error" showIcon title={errorText(holds.error)} action={<Button size="small" onClick={holds.reload}>{t('common.retry')}</Button>} data-testid="holds-error" />
      )}
      <div aria-busy={holds.loading} data-testid="holds-results">
        <Table<RiskHoldView>
          data-testid="holds-table"
          size="small"
          rowKey="lineId"
          columns={columns}
          dataSource={rows}
          loading={holds.loading && !holds.data}
          scroll={{ x: HOLD_TABLE_WIDTH }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          expandable={{
            expandedRowKeys: expandedKeys,
            onExpandedRowsChange: (keys) => setExpanded(keys),
            expandedRowRender: (h) => <HoldDetail hold={h} onChanged={holds.reload} />,
          }}
          locale={{ emptyText: t('risk.queue.none') }}
        />
      </div>
    </Flex>
  );
}
