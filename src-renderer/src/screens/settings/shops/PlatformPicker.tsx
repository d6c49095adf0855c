import { Card, Flex, Tag, Typography } from 'antd';
import type { PlatformName } from '../../../../../src-shared/contract/methods/shops.js';
import { useT } from '../../../i18n/index.js';
import type { PlatformInfo } from './shop-form.js';

/**
 * The platforms as cards (a form control: `value` / `onChange`). Each says whether the platform
 * pushes orders or is polled only, which is what differs for the owner.
 */
export function PlatformPicker(props: { platforms: PlatformInfo[]; value?: PlatformName; onChange?(value: PlatformName): void }) {
  const t = useT();
  return (
    <Flex wrap gap={10} role="radiogroup" aria-label={t('shops.form.platform')} data-testid="shop-platforms">
      {props.platforms.map((p) => {
        const selected = props.value === p.platform;
        return (
          <Card
            key={p.platform}
            size="small"
            hoverable
            role="radio"
            aria-checked={selected}
            tabIndex={0}
            onClick={() => props.onChange?.(p.platform)}
            onKeyDown={(e) => {
              if (e.key === ' ' || e.key === 'Enter') {
                e.preventDefault();
                props.onChange?.(p.platform);
              }
            }}
            style={{ width: 160, cursor: 'pointer', borderColor: selected ? '#1f5eff' : undefined, boxShadow: selected ? '0 0 0 1px #1f5eff' : undefined }}
            data-testid={`shop-platform-${p.platform}`}
          >
            <Typography.Text strong>{t(`shops.platform.${p.platform}`)}</Typography.Text>
            <div style={{ marginTop: 6 }}>
              <Tag color={p.push ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
                {t(p.push ? 'shops.form.push' : 'shops.form.pollOnly')}
              </Tag>
            </div>
          </Card>
        );
      })}
    </Flex>
  );
}
