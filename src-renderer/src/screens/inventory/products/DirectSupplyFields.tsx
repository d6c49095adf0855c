import { Alert, Button, Flex, Form, Input, Radio, Select } from 'antd';
import type { FormInstance } from 'antd';
import type { PortalAccountView, Supplier } from '../../../../../src-shared/contract/methods/topup.js';
import { ACCOUNT_RULES, checkAccountRegex } from '../../../../../src-shared/recharge-account.js';
import { useI18n } from '../../../i18n/index.js';
import { GoodsResult, useGoodsLookup } from '../../topup/suppliers/GoodsResult.js';
import { AccountRulePreview } from './AccountRulePreview.js';
import type { SupplyFormValues } from './supply-form.js';

/**
 * 直充: which route tops the buyer up (a supplier API product, or a package on a membership site through
 * one of the owner's site accounts), and how the recharge account is found in what the buyer wrote.
 */
export function DirectSupplyFields(props: { form: FormInstance<SupplyFormValues>; suppliers: Supplier[] | undefined; portals: PortalAccountView[] | undefined }) {
  const { t, language } = useI18n();
  const { form } = props;
  const goods = useGoodsLookup();
  const route = Form.useWatch('route', form);
  const rule = Form.useWatch('accountRule', form) ?? 'phone';
  const regex = Form.useWatch('accountRegex', form) ?? '';

  const lookup = () => {
    const supplierId = form.getFieldValue('supplierId') as number | undefined;
    const id = (form.getFieldValue('supplierProductId') as string | undefined)?.trim();
    if (supplierId !== undefined && id) void goods.run(supplierId, id);
    else void form.validateFields(['supplierId', 'supplierProductId']).catch(() => undefined);
  };

  return (
    <>
      <Form.Item name="route" label={t('topup.supply.route')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'supplier', label: t('topup.supply.route.supplier') },
            { value: 'rpa', label: t('topup.supply.route.rpa') },
          ]}
          data-testid="supply-route"
        />
      </Form.Item>
      {route === 'rpa' ? (
        <>
          {props.portals?.length === 0 && <Alert type="warning" showIcon title={t('topup.supply.noPortals')} style={{ marginBottom: 16 }} />}
          <Form.Item name="portalAccountId" label={t('topup.supply.portal')} rules={[{ required: true, message: t('topup.supply.portalRequired') }]}>
            <Select options={(props.portals ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.username}）` }))} loading={!props.portals} data-testid="supply-portal" />
          </Form.Item>
          <Form.Item name="packageId" label={t('topup.supply.packageId')} rules={[{ required: true, whitespace: true, message: t('topup.supply.packageRequired') }]}>
            <Input maxLength={100} placeholder={t('topup.supply.packagePlaceholder')} data-testid="supply-package" />
          </Form.Item>
        </>
      ) : (
        <>
          {props.suppliers?.length === 0 && <Alert type="warning" showIcon title={t('topup.supply.noSuppliers')} style={{ marginBottom: 16 }} />}
          <Form.Item name="supplierId" label={t('topup.supply.supplier')} rules={[{ required: true, message: t('topup.supply.supplierRequired') }]}>
            <Select options={(props.suppliers ?? []).map((s) => ({ value: s.id, label: s.name }))} loading={!props.suppliers} onChange={goods.clear} data-testid="supply-supplier" />
          </Form.Item>
          <Form.Item label={t('topup.supply.supplierProductId')} required style={{ marginBottom: goods.lookup.state === 'idle' ? undefined : 8 }}>
            <Flex gap={8}>
              <Form.Item name="supplierProductId" noStyle rules={[{ required: true, whitespace: true, message: t('topup.supply.supplierProductRequired') }]}>
                <Input maxLength={100} placeholder={t('topup.goods.placeholder')} onChange={goods.clear} data-testid="supply-supplier-product" />
              </Form.Item>
              <Button onClick={lookup} loading={goods.lookup.state === 'loading'} data-testid="supply-goods-query">
                {t('topup.goods.query')}
              </Button>
            </Flex>
          </Form.Item>
          {goods.lookup.state !== 'idle' && (
            <div style={{ marginBottom: 16 }}>
              <GoodsResult lookup={goods.lookup} />
            </div>
          )}
        </>
      )}
      <Form.Item name="accountRule" label={t('topup.supply.accountRule')} extra={t('topup.supply.accountRuleHelp')}>
        <Select options={ACCOUNT_RULES.map((r) => ({ value: r, label: t(`topup.supply.rule.${r}`) }))} data-testid="supply-account-rule" />
      </Form.Item>
      {rule === 'regex' && (
        <Form.Item
          name="accountRegex"
          label={t('topup.supply.accountRegex')}
          extra={t('topup.supply.accountRegexHelp')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const problem = checkAccountRegex(value ?? '');
                // The shared check speaks Chinese (the CLI uses it too); English gets its own sentence.
                if (problem) throw new Error(language === 'zh-CN' ? problem : t('topup.supply.regexInvalid'));
              },
            },
          ]}
        >
          <Input maxLength={200} spellCheck={false} style={{ fontFamily: 'ui-monospace, Consolas, monospace' }} data-testid="supply-account-regex" />
        </Form.Item>
      )}
      <Form.Item>
        <AccountRulePreview rule={rule} regex={regex} />
      </Form.Item>
    </>
  );
}
