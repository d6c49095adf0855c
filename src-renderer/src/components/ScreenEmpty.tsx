import { Card, Empty, Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.js';

export interface FirstStep {
  title: string;
  content: string;
}

/**
 * A screen with nothing in it yet: what will appear here, in the merchant's words, and the steps that
 * get it there. Steps, not buttons, while the action behind them is not built: a dead button teaches
 * the user that buttons here do nothing.
 */
export function ScreenEmpty(props: {
  title: string;
  description: string;
  steps?: FirstStep[];
  /** Replaces the default illustration, e.g. a Result-style icon for a "nothing to worry about" state. */
  image?: ReactNode;
  extra?: ReactNode;
}) {
  const t = useT();
  return (
    <Card variant="borderless" styles={{ body: { padding: '40px 32px 32px' } }}>
      <Empty
        image={props.image ?? Empty.PRESENTED_IMAGE_DEFAULT}
        styles={{ image: { height: props.image ? 'auto' : 120, marginBottom: 16 } }}
        description={
          <div style={{ maxWidth: 560, margin: '0 auto' }}>
            <Typography.Title level={4} style={{ marginBottom: 8 }}>
              {props.title}
            </Typography.Title>
            <Typography.Paragraph type="secondary" style={{ fontSize: 15, marginBottom: 0 }}>
              {props.description}
            </Typography.Paragraph>
          </div>
        }
      >
        {props.extra}
      </Empty>
      {props.steps && props.steps.length > 0 && (
        <div style={{ maxWidth: 560, margin: '28px auto 0', textAlign: 'left' }}>
          <Typography.Text strong style={{ display: 'block', marginBottom: 12 }}>
            {t('empty.howToStart')}
          </Typography.Text>
          <Steps
            orientation="vertical"
            size="small"
            current={-1}
            // 'wait' items are greyed by default, which reads as "disabled"; these are instructions.
            styles={{ itemTitle: { color: 'rgba(0, 0, 0, 0.88)' }, itemContent: { color: 'rgba(0, 0, 0, 0.55)' } }}
            items={props.steps.map((step) => ({ title: step.title, content: step.content, status: 'wait' }))}
          />
        </div>
      )}
    </Card>
  );
}
