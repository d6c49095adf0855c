import { SmileTwoTone } from '@ant-design/icons';
import { ScreenEmpty } from '../../components/ScreenEmpty.js';
import { ScreenPage } from '../../components/ScreenPage.js';
import { useT } from '../../i18n/index.js';

/** 售后: refunds, invalid-key complaints, replacements. Nothing open is good news, so it reads as such. */
export default function AftersalesScreen() {
  const t = useT();
  return (
    <ScreenPage id="aftersales">
      <ScreenEmpty
        image={<SmileTwoTone twoToneColor="#52c41a" style={{ fontSize: 72 }} />}
        title={t('aftersales.empty.title')}
        description={t('aftersales.empty.description')}
      />
    </ScreenPage>
  );
}
