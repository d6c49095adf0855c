import { App as AntApp, ConfigProvider, theme } from 'antd';
import type { ReactNode } from 'react';
import { antdLocale, applyDateLocale, useI18n } from '../i18n/index.js';

// Windows first: Microsoft YaHei is what a Chinese Windows desktop has; Noto/PingFang for the rest.
const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', " +
  "'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif";

const appTheme = {
  algorithm: theme.defaultAlgorithm,
  token: { colorPrimary: '#1f5eff', borderRadius: 8, fontFamily: FONT, colorBgLayout: '#f4f6fb' },
  components: {
    Layout: { siderBg: '#0f1a33', headerBg: '#ffffff', headerPadding: '0 24px' },
    Menu: { darkItemBg: '#0f1a33', darkSubMenuItemBg: '#0f1a33', darkItemSelectedBg: '#1f5eff' },
  },
};

/** antd theme and locale follow the chosen language; AntApp gives message/notification contexts. */
export function AppProviders(props: { children: ReactNode }) {
  const { language } = useI18n();
  applyDateLocale(language);
  return (
    // autoInsertSpace off: antd would print 确认 as "确 认" but 下一步 unspaced, which looks uneven.
    <ConfigProvider locale={antdLocale[language]} theme={appTheme} button={{ autoInsertSpace: false }}>
      <AntApp>{props.children}</AntApp>
    </ConfigProvider>
  );
}
