import { CheckCircleFilled, InfoCircleFilled } from '@ant-design/icons';
import { Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { maskAccount, parseRechargeAccount, type AccountRule } from '../../../../../src-shared/recharge-account.js';
import { useI18n } from '../../../i18n/index.js';

/**
 * 试一试: a sample buyer message run through the same parser the order path uses, showing the account it
 * would top up (masked, as everywhere) or why it would ask the buyer instead.
 */
export function AccountRulePreview(props: { rule: AccountRule; regex: string }) {
  const { t, language } = useI18n();
  const [sample, setSample] = useState('');
  const parsed = sample.trim() === '' ? undefined : parseRechargeAccount({ message: sample }, props.rule, props.rule === 'regex' ? props.regex : null);

  let result;
  if (!parsed) result = <Typography.Text type="secondary">{t('topup.supply.previewEmpty')}</Typography.Text>;
  else if (parsed.ok) {
    result = (
      <Typography.Text type="success" data-testid="supply-preview-result" data-ok="true">
        <CheckCircleFilled /> {t('topup.supply.previewFound', { account: maskAccount(parsed.account) })}
      </Typography.Text>
    );
  } else {
    result = (
      <Typography.Text type="warning" data-testid="supply-preview-result" data-ok="false">
        {/* The parser's sentence is the one the owner forwards to the (Chinese) buyer; English says it in its own words. */}
        <InfoCircleFilled /> {language === 'zh-CN' ? parsed.reason : t('topup.supply.previewNotFound')}
      </Typography.Text>
    );
  }

  return (
    <Flex vertical gap={8} style={{ background: '#f7f9fc', borderRadius: 8, padding: 12 }} data-testid="supply-preview">
      <Typography.Text strong>{t('topup.supply.preview')}</Typography.Text>
      <Input.TextArea
        value={sample}
        onChange={(e) => setSample(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 4 }}
        maxLength={500}
        placeholder={t('topup.supply.previewPlaceholder')}
        data-testid="supply-preview-input"
      />
      {result}
    </Flex>
  );
}
