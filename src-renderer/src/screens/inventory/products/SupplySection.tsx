import { Alert, App, Divider, Form, InputNumber, Skeleton, Switch, Typography } from 'antd';
import { useEffect, useImperativeHandle, useState, type Ref } from 'react';
import type { ProductType } from '../../../../../src-shared/contract/methods/products.js';
import type { ProductSupply } from '../../../../../src-shared/contract/methods/topup.js';
import { call, inputIssues } from '../../../api/index.js';
import { useRevalidateOnLanguageChange } from '../../../components/useRevalidateOnLanguageChange.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { DirectSupplyFields } from './DirectSupplyFields.js';
import { SUPPLY_FIELDS, toSupplyForm, toSupplyInput, type SupplyFormValues } from './supply-form.js';

/** How the product drawer saves this section: checked before the product is saved, written right after. */
export interface SupplyHandle {
  validate(): Promise<boolean>;
  /** false when `supply.set` refused; the section shows why. */
  save(productId: number): Promise<boolean>;
}

type Loaded = { state: 'loading' } | { state: 'ready'; supply: ProductSupply | null } | { state: 'failed'; error: unknown };

/**
 * 供货设置 inside the product drawer (`supply.get` / `supply.set`): for 直充, the route and the
 * recharge-account rule with a live preview; for 卡密, the check before delivery and the redemption
 * reminder. Mount it once per opening (keyed by product): it reads the saved settings on mount. A new
 * product, or one never given settings and left untouched here, saves nothing.
 */
export function SupplySection({ productId, type, ref }: { productId: number | undefined; type: ProductType; ref: Ref<SupplyHandle> }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<SupplyFormValues>();
  useRevalidateOnLanguageChange(form);
  const [loaded, setLoaded] = useState<Loaded>(productId === undefined ? { state: 'ready', supply: null } : { state: 'loading' });
  const [saveError, setSaveError] = useState<string>();
  const suppliers = useCall('suppliers.list', {});
  const portals = useCall('portals.list', {});

  useEffect(() => {
    if (productId === undefined) return;
    let live = true;
    call('supply.get', { productId }).then(
      (supply) => {
        if (!live) return;
        form.setFieldsValue(toSupplyForm(supply));
        setLoaded({ state: 'ready', supply });
      },
      (error: unknown) => live && setLoaded({ state: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [productId, form]);

  const applies = type !== 'combo' && loaded.state === 'ready';
  // Nothing saved and nothing typed: leave the product without settings rather than write defaults.
  const untouched = () => loaded.state === 'ready' && loaded.supply === null && !form.isFieldsTouched();

  useImperativeHandle(
    ref,
    () => ({
      validate: async () => {
        if (!applies || untouched()) return true;
        return form.validateFields().then(
          () => true,
          () => false,
        );
      },
      save: async (id) => {
        if (!applies || untouched()) return true;
        setSaveError(undefined);
        try {
          const saved = await call('supply.set', toSupplyInput(form.getFieldsValue(true) as SupplyFormValues, id, type));
          setLoaded({ state: 'ready', supply: saved });
          return true;
        } catch (err) {
          const onForm = inputIssues(err).filter((i) => SUPPLY_FIELDS.includes(i.field));
          form.setFields(onForm.map((i) => ({ name: i.field as keyof SupplyFormValues, errors: [i.message] })));
          const text = t('topup.supply.saveFailed', { error: errorText(err) });
          setSaveError(text);
          message.error(text);
          return false;
        }
      },
    }),
  );

  if (type === 'combo') return null;
  return (
    <div data-testid="supply-section">
      <Divider titlePlacement="start" style={{ marginTop: 8 }}>
        {t('topup.supply.title')}
      </Divider>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t(type === 'direct' ? 'topup.supply.explainDirect' : 'topup.supply.explainCard')}
      </Typography.Paragraph>
      {loaded.state === 'failed' && <Alert type="error" showIcon title={t('topup.supply.loadFailed', { error: errorText(loaded.error) })} />}
      {loaded.state === 'loading' && <Skeleton active paragraph={{ rows: 3 }} />}
      {saveError && <Alert type="error" showIcon title={saveError} style={{ marginBottom: 16 }} />}
      {/* Rendered while loading too, so the form instance is connected when the saved settings arrive. */}
      <div hidden={loaded.state !== 'ready'}>
        <Form<SupplyFormValues> form={form} layout="vertical" initialValues={toSupplyForm(null)} component="div">
          {type === 'direct' ? (
            <DirectSupplyFields form={form} suppliers={suppliers.data} portals={portals.data} />
          ) : (
            <>
              <Form.Item name="checkBeforeDelivery" label={t('topup.supply.checkBeforeDelivery')} valuePropName="checked" extra={t('topup.supply.checkBeforeDeliveryHelp')}>
                <Switch data-testid="supply-check-before" />
              </Form.Item>
              <Form.Item
                name="remindAfterDays"
                label={t('topup.supply.remind')}
                extra={t('topup.supply.remindHelp')}
                rules={[{ type: 'number', min: 1, max: 365, message: t('topup.supply.remindRange') }]}
              >
                <InputNumber min={1} max={365} precision={0} suffix={t('topup.supply.days')} style={{ width: 160 }} data-testid="supply-remind-days" />
              </Form.Item>
            </>
          )}
        </Form>
      </div>
    </div>
  );
}
