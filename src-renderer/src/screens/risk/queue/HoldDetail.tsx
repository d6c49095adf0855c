import { Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { RiskHoldView } from '../../../../../src-shared/contract/methods/risk.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { mono } from '../labels.js';
import { VerifyBox } from './VerifyBox.js';

const none = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

/**
 * What the order carried when it was screened (masked), the velocity counts and list memberships the
 * rules saw; the verification box for a verify hold; who decided a closed one.
 */
export function HoldDetail(props: { hold: RiskHoldView; onChanged(): void }) {
  const t = useT();
  const { hold } = props;
  const s = hold.signals;
  const missing = t('risk.signal.missing');
  const code = (v: string | null): ReactNode => (v === null ? none(missing) : <Typography.Text style={mono}>{v}</Typography.Text>);

  return (
    <Flex gap={16} wrap align="flex-start" data-testid="hold-detail">
      <Card size="small" title={t('risk.signal.title')} style={{ flex: '1 1 520px' }}>
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'buyer', label: t('risk.subject.buyer'), children: <span data-testid="signal-buyer">{code(s.buyerMasked)}</span> },
            {
              key: 'newBuyer',
              label: t('risk.signal.newBuyer'),
              children: s.newBuyer ? <Tag color="orange" data-testid="signal-new-buyer">{t('risk.signal.isNew')}</Tag> : <span data-testid="signal-new-buyer">{t('risk.signal.returning')}</span>,
            },
            { key: 'phone', label: t('risk.subject.phone'), children: code(s.phoneMasked) },
            { key: 'email', label: t('risk.subject.email'), children: code(s.emailMasked) },
            { key: 'ip', label: t('risk.subject.ip'), children: code(s.ip) },
            { key: 'device', label: t('risk.subject.device'), children: code(s.deviceMasked) },
            {
              key: 'flags',
              label: t('risk.signal.flags'),
              span: 2,
              children:
                s.riskFlags.length === 0 ? none(t('risk.signal.noFlags')) : (
                  <Space size={4} wrap>
                    {s.riskFlags.map((f) => (
                      <Tag key={f} color="red">
                        {f}
                      </Tag>
                    ))}
                  </Space>
                ),
            },
            {
              key: 'velocity',
              label: t('risk.signal.velocity'),
              span: 2,
              children: (
                <Space size={[12, 2]} wrap data-testid="signal-velocity">
                  <span>{t('risk.signal.buyerHour', { n: s.velocity.buyerHour })}</span>
                  <span>{t('risk.signal.buyerDay', { n: s.velocity.buyerDay })}</span>
                  {s.velocity.ipHour !== null && <span>{t('risk.signal.ipHour', { n: s.velocity.ipHour })}</span>}
                  {s.velocity.deviceHour !== null && <span>{t('risk.signal.deviceHour', { n: s.velocity.deviceHour })}</span>}
                </Space>
              ),
            },
            {
              key: 'lists',
              label: t('risk.signal.lists'),
              span: 2,
              children:
                s.lists.length === 0 ? none(t('risk.signal.noLists')) : (
                  <Space size={4} wrap data-testid="signal-lists">
                    {s.lists.map((l) => (
                      <Tag key={`${l.list}-${l.subject}`} color={l.list === 'black' ? 'black' : 'green'}>
                        {t(`risk.onList.${l.list}`, { subject: t(`risk.subject.${l.subject}`) })}
                      </Tag>
                    ))}
                  </Space>
                ),
            },
            { key: 'heldAt', label: t('risk.signal.heldAt'), children: formatTime(hold.heldAt) },
            { key: 'title', label: t('risk.signal.lineTitle'), children: <Typography.Text ellipsis={{ tooltip: hold.title }} style={{ maxWidth: 240 }}>{hold.title}</Typography.Text> },
            ...(hold.status !== 'open'
              ? [
                  { key: 'decidedBy', label: t('risk.signal.decidedBy'), children: hold.decidedBy ?? '—' },
                  { key: 'note', label: t('risk.signal.note'), children: hold.note ?? '—' },
                ]
              : []),
          ]}
        />
      </Card>
      {hold.decision.action === 'verify' && (
        <div style={{ flex: '1 1 380px' }}>
          <VerifyBox hold={hold} onChanged={props.onChanged} />
        </div>
      )}
    </Flex>
  );
}
