import { SafetyCertificateTwoTone } from '@ant-design/icons';
import { ScreenEmpty } from '../../components/ScreenEmpty.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useT } from '../../i18n/index.js';

/** 风控: orders the risk rules held, waiting for the owner to release or close them. */
export default function RiskScreen() {
  const t = useT();
  return (
    <ScreenPage id="risk">
      <ScreenEmpty
        image={<SafetyCertificateTwoTone twoToneColor="#1f5eff" style={{ fontSize: 72 }} />}
        title={t('risk.empty.title')}
        description={t('risk.empty.description')}
        steps={[
          { title: t('risk.step1.title'), content: t('risk.step1.content') },
          { title: t('risk.step2.title'), content: t('risk.step2.content') },
        ]}
      />
    </ScreenPage>
  );
}
