import { ScreenEmpty } from '../../components/ScreenEmpty.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useT } from '../../i18n/index.js';

/** 库存: products, batches and card keys. Empty until the first import. */
export default function InventoryScreen() {
  const t = useT();
  return (
    <ScreenPage id="inventory">
      <ScreenEmpty
        title={t('inventory.empty.title')}
        description={t('inventory.empty.description')}
        steps={[
          { title: t('inventory.step1.title'), content: t('inventory.step1.content') },
          { title: t('inventory.step2.title'), content: t('inventory.step2.content') },
          { title: t('inventory.step3.title'), content: t('inventory.step3.content') },
        ]}
      />
    </ScreenPage>
  );
}
