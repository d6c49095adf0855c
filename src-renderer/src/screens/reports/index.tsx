import { ScreenEmpty } from '../../components/ScreenEmpty.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useT } from '../../i18n/index.js';

/** 报表: sales, cost and margin over time. Charts appear after the first sale. */
export default function ReportsScreen() {
  const t = useT();
  return (
    <ScreenPage id="reports">
      <ScreenEmpty
        title={t('reports.empty.title')}
        description={t('reports.empty.description')}
        steps={[
          { title: t('reports.step1.title'), content: t('reports.step1.content') },
          { title: t('reports.step2.title'), content: t('reports.step2.content') },
        ]}
      />
    </ScreenPage>
  );
}
