import { Typography } from 'antd';
import { useT } from '../i18n/index.js';

/** The product name as a logo: a key-shaped 卡 tile, the Chinese name and the English one under it. */
export function BrandMark(props: { inverted?: boolean; compact?: boolean }) {
  const t = useT();
  const color = props.inverted ? '#ffffff' : '#0f1a33';
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0 }}>
      <div
        aria-hidden
        style={{
          width: 34,
          height: 34,
          flex: 'none',
          borderRadius: 9,
          background: 'linear-gradient(135deg, #3d7bff 0%, #1f5eff 55%, #6a3dff 100%)',
          color: '#fff',
          display: 'grid',
          placeItems: 'center',
          fontWeight: 700,
          fontSize: 18,
          boxShadow: '0 4px 12px rgba(31, 94, 255, 0.35)',
        }}
      >
        卡
      </div>
      {!props.compact && (
        <div style={{ lineHeight: 1.15, minWidth: 0, whiteSpace: 'nowrap' }}>
          <Typography.Text strong style={{ color, fontSize: 16, display: 'block' }}>
            {t('app.name')}
          </Typography.Text>
          <Typography.Text style={{ color, opacity: 0.6, fontSize: 12, letterSpacing: 1 }}>{t('app.tagline')}</Typography.Text>
        </div>
      )}
    </div>
  );
}
