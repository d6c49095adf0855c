import { App, Radio, Space, Typography } from 'antd';
import type { Language } from '../../../../src-shared/contract/methods/app.js';
import { useErrorText, useI18n } from '../../i18n/index.js';

export function LanguageSection() {
  const { language, setLanguage, t } = useI18n();
  const errorText = useErrorText();
  const { message } = App.useApp();
  return (
    <Space orientation="vertical" size="middle">
      <Typography.Text type="secondary">{t('settings.language.explain')}</Typography.Text>
      <Radio.Group
        value={language}
        optionType="button"
        buttonStyle="solid"
        data-testid="settings-language"
        onChange={(e) => {
          // The switch itself is the feedback; only a failed save needs a message.
          setLanguage(e.target.value as Language).catch((err: unknown) => message.error(errorText(err)));
        }}
        options={[
          { label: '简体中文', value: 'zh-CN' },
          { label: 'English', value: 'en-US' },
        ]}
      />
    </Space>
  );
}
