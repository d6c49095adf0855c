import { EyeInvisibleOutlined } from '@ant-design/icons';
import { Button, Flex, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../i18n/index.js';
import type { Revealed } from './RevealModal.js';

/** A revealed secret with its countdown; calls `onHide` when the time is up or the owner hides it. */
export function RevealedSecret(props: { revealed: Revealed; onHide(): void }) {
  const t = useT();
  const { until } = props.revealed;
  const { onHide } = props;
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) onHide();
    }, 500);
    return () => clearInterval(timer);
  }, [until, onHide]);

  const left = Math.max(0, Math.ceil((until - now) / 1000));
  return (
    <Flex align="center" gap={2} data-testid="revealed-secret">
      {/* A long secret wraps rather than hiding its end: the owner revealed it to read all of it. */}
      <Typography.Text
        copyable={{ text: props.revealed.secret, tooltips: [t('inventory.reveal.copy'), t('inventory.reveal.copied')] }}
        style={{ color: '#c41d7f', fontFamily: 'Consolas, "Courier New", monospace', fontSize: 13, wordBreak: 'break-all', minWidth: 0 }}
      >
        {props.revealed.secret}
      </Typography.Text>
      <Tooltip title={t('inventory.reveal.hidesIn', { seconds: left })}>
        <Button size="small" type="link" onClick={onHide} aria-label={t('inventory.reveal.hide')} style={{ paddingInline: 2, flex: 'none' }}>
          <EyeInvisibleOutlined />
          {left}
        </Button>
      </Tooltip>
    </Flex>
  );
}
