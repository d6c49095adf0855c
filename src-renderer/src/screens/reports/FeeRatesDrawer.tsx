import { App, Button, Drawer, Flex, InputNumber, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ShopFeeRate } from '../../../../src-shared/contract/methods/reports.js';
import { call } from '../../api/index.js';
import { useCall } from '../../hooks/useCall.js';
import { useErrorText, useT } from '../../i18n/index.js';
import { LoadError } from './LoadError.js';
import { bpToPercent, feeRateProblem, MAX_FEE_PERCENT, percentToBp } from './numbers.js';


/** One shop's rate: typed, saved on its own (each save is audited and re-counts that shop's history). */
function RateField(props: { shop: ShopFeeRate; onSaved(saved: ShopFeeRate): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<number | null>(bpToPercent(props.shop.rateBp));
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const changed = draft === null || percentToBp(draft) !== props.shop.rateBp;

  const save = async () => {
    // Checked here in the owner's percent: the core's range is in basis points (0–3000).
    const problem = feeRateProblem(draft);
    if (problem !== undefined || draft === null) {
      setError(t(problem ?? 'reports.fee.required', { max: MAX_FEE_PERCENT }));
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const saved = await call('reports.setFeeRate', { shopId: props.shop.shopId, rateBp: percentToBp(draft) });
      props.onSaved(saved);
      message.success(t('reports.fee.saved', { shop: saved.shopName, rate: bpToPercent(saved.rateBp).toFixed(2) }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={2}>
      <Flex gap={8} align="center">
        <InputNumber<number>
          value={draft}
          precision={2}
          step={0.1}
          suffix="%"
          style={{ width: 130 }}
          status={error ? 'error' : undefined}
          onChange={(v) => {
            setDraft(v);
            setError(undefined);
          }}
          onPressEnter={() => void save()}
          aria-label={t('reports.fee.rate')}
          data-testid={`fee-rate-${props.shop.shopId}`}
        />
        <Button type={changed ? 'primary' : 'default'} disabled={!changed} loading={saving} onClick={() => void save()} data-testid={`fee-save-${props.shop.shopId}`}>
          {t('reports.fee.save')}
        </Button>
      </Flex>
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`fee-error-${props.shop.shopId}`}>
          {error}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** 平台费率: each shop's platform fee, taken off (营业额 − 退款) in the profit reports. */
export function FeeRatesDrawer(props: { open: boolean; onClose(): void; onSaved(): void }) {
  const t = useT();
  const rates = useCall('reports.feeRates', {});
  const onSaved = (saved: ShopFeeRate) => {
    rates.setData((rates.data ?? []).map((r) => (r.shopId === saved.shopId ? saved : r)));
    props.onSaved();
  };
  return (
    <Drawer open={props.open} onClose={props.onClose} title={t('reports.fee.title')} size={560} destroyOnHidden data-testid="fee-drawer">
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('reports.fee.explain')}
        </Typography.Paragraph>
        <LoadError error={rates.error} retry={rates.reload} testId="fee-error" />
        <Table<ShopFeeRate>
          data-testid="fee-table"
          size="small"
          rowKey="shopId"
          dataSource={rates.data ?? []}
          loading={rates.loading && !rates.data}
          pagination={false}
          locale={{ emptyText: t('reports.fee.noShops') }}
          columns={[
            {
              title: t('reports.col.shop'),
              dataIndex: 'shopName',
              render: (v: string, r) => (
                <Flex vertical gap={2}>
                  <span data-testid="fee-shop">{v}</span>
                  <span>
                    <Tag>{t(`shops.platform.${r.platform}`)}</Tag>
                  </span>
                </Flex>
              ),
            },
            { title: t('reports.fee.rate'), key: 'rate', width: 250, render: (_, r) => <RateField key={`${r.shopId}:${r.rateBp}`} shop={r} onSaved={onSaved} /> },
          ]}
        />
      </Flex>
    </Drawer>
  );
}
