import { ScreenEmpty } from '../../components/ScreenEmpty.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useT } from '../../i18n/index.js';

/** 代充: top-up lines filled through a supplier API or a membership portal. */
export default function TopupScreen() {
  const t = useT();
  return (
    <ScreenPage id="topup">
      <ScreenEmpty
        title={t('topup.empty.title')}
        description={t('topup.empty.description')}
        steps={[
          { title: t('topup.step1.title'), content: t('topup.step1.content') },
          { title: t('topup.step2.title'), content: t('topup.step2.content') },
          { title: t('topup.step3.title'), content: t('topup.step3.content') },
        ]}
      />
    </ScreenPage>
  );
}
