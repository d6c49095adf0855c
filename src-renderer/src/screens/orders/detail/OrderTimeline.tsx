import { Collapse, Empty, Timeline, Typography } from 'antd';
import type { OrderLine, TimelineEntry } from '../../../../../src-shared/contract/methods/orders.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { useT } from '../../../i18n/index.js';
import { detailText, payloadText } from './timeline-text.js';

const PAYLOAD_MAX_HEIGHT = 320;

/** Everything that happened to the order, oldest first: capture, risk, reservation, sends, platform answers. */
export function OrderTimeline(props: { entries: TimelineEntry[]; lines: OrderLine[] }) {
  const t = useT();
  if (props.entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.detail.noTimeline')} />;
  const lineRef = (lineId: number | null): string | undefined => {
    if (lineId === null || props.lines.length < 2) return undefined;
    const index = props.lines.findIndex((l) => l.id === lineId);
    return index === -1 ? undefined : t('orders.line.ref', { n: index + 1 });
  };
  const entries = [...props.entries].sort((a, b) => a.at - b.at || a.id - b.id);

  return (
    <Timeline
      data-testid="order-timeline"
      items={entries.map((entry) => {
        const ref = lineRef(entry.lineId);
        return {
          key: entry.id,
          content: (
            <div data-testid="timeline-entry">
              <div>
                <Typography.Text strong>{entry.title}</Typography.Text>
                {ref && <Typography.Text type="secondary"> · {ref}</Typography.Text>}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <span title={`${t('orders.timeline.kind')}: ${entry.kind}`}>{formatTime(entry.at)}</span>
              </Typography.Text>
              {entry.note && (
                <Typography.Paragraph style={{ margin: '4px 0 0', fontSize: 13 }} title={detailText(entry.detail) || undefined}>
                  {entry.note}
                </Typography.Paragraph>
              )}
              {entry.payload !== undefined && <PayloadBlock payload={entry.payload} />}
            </div>
          ),
        };
      })}
    />
  );
}

/** The platform's own words for the step, folded away until asked for (it can be long, and hold buyer data). */
function PayloadBlock(props: { payload: unknown }) {
  const t = useT();
  const text = payloadText(props.payload);
  return (
    <Collapse
      ghost
      size="small"
      style={{ marginTop: 4 }}
      items={[
        {
          key: 'payload',
          label: t('orders.timeline.payload'),
          children: (
            <Typography.Paragraph copyable={{ text, tooltips: [t('orders.timeline.copy'), t('orders.timeline.copied')] }} style={{ marginBottom: 0 }}>
              <pre
                data-testid="timeline-payload"
                style={{ maxHeight: PAYLOAD_MAX_HEIGHT, overflow: 'auto', margin: 0, padding: 8, background: '#f6f8fa', borderRadius: 6, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
              >
                {text}
              </pre>
            </Typography.Paragraph>
          ),
        },
      ]}
    />
  );
}
