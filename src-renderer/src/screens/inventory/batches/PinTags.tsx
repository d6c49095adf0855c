import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { Batch } from '../../../../../src-shared/contract/methods/inventory.js';
import type { Shop } from '../../../../../src-shared/contract/methods/shops.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { campaignOver, isPinned, shortTime } from './pin.js';

/** The 专用 cell: 仅 <shop> and/or 活动 <from> – <to> (Beijing time), or 通用 when the batch serves everyone. */
export function PinTags(props: { batch: Batch; shops: ReadonlyMap<number, Shop>; now: number }) {
  const t = useT();
  const b = props.batch;
  if (!isPinned(b)) return <Typography.Text type="secondary">{t('inventory.batches.pin.none')}</Typography.Text>;

  const shop = b.pinShopId === null ? undefined : props.shops.get(b.pinShopId);
  const shopName = shop ? shop.name : t('inventory.batches.pin.unknownShop', { id: b.pinShopId ?? '' });

  let campaign: string | undefined;
  let campaignFull = '';
  if (b.pinFrom !== null && b.pinTo !== null) {
    campaign = t('inventory.batches.pin.campaignRange', { from: shortTime(b.pinFrom), to: shortTime(b.pinTo) });
    campaignFull = `${formatTime(b.pinFrom)} – ${formatTime(b.pinTo)}`;
  } else if (b.pinFrom !== null) {
    campaign = t('inventory.batches.pin.campaignFrom', { from: shortTime(b.pinFrom) });
    campaignFull = t('inventory.batches.pin.campaignFrom', { from: formatTime(b.pinFrom) });
  } else if (b.pinTo !== null) {
    campaign = t('inventory.batches.pin.campaignUntil', { to: shortTime(b.pinTo) });
    campaignFull = t('inventory.batches.pin.campaignUntil', { to: formatTime(b.pinTo) });
  }
  const over = campaignOver(b, props.now);

  return (
    <Flex gap={4} wrap data-testid={`batch-pin-${b.id}`}>
      {b.pinShopId !== null && (
        <Tooltip title={shop ? t(`shops.platform.${shop.platform}`) : undefined}>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t('inventory.batches.pin.shopOnly', { shop: shopName })}
          </Tag>
        </Tooltip>
      )}
      {campaign !== undefined && (
        <Tooltip title={`${campaignFull}${t('common.beijingTime')}${over ? t('common.listSeparator') + t('inventory.batches.pin.over') : ''}`}>
          <Tag color={over ? 'default' : 'purple'} style={{ marginInlineEnd: 0 }}>
            {campaign}
          </Tag>
        </Tooltip>
      )}
    </Flex>
  );
}
