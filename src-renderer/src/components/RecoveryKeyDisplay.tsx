import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/index.js';

const MONO = "'Cascadia Mono', Consolas, 'SFMono-Regular', Menlo, 'Noto Sans Mono', monospace";

/**
 * The recovery key in big groups of four, as it should be written on paper. Shown once: the caller
 * drops it from memory when the wizard moves on.
 */
export function RecoveryKeyDisplay(props: { recoveryKey: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  const groups = props.recoveryKey.split('-');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.recoveryKey);
      setCopied(true);
      message.success(t('recovery.copied'));
    } catch {
      // Clipboard can be refused (no focus, policy); the key is still on screen to copy by hand.
      message.warning(t('recovery.copyFailed'));
    }
  };

  return (
    <div
      style={{
        background: '#f7f9ff',
        border: '1px dashed #9db5ff',
        borderRadius: 12,
        padding: '18px 16px 14px',
        textAlign: 'center',
      }}
    >
      <div
        data-testid="recovery-key"
        data-recovery-key={props.recoveryKey}
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(4, auto)',
          justifyContent: 'center',
          gap: '10px 18px',
          fontFamily: MONO,
          fontSize: 24,
          fontWeight: 600,
          letterSpacing: 2,
          color: '#0f1a33',
          userSelect: 'all',
        }}
      >
        {groups.map((group, i) => (
          <span key={`${i}-${group}`}>{group}</span>
        ))}
      </div>
      <Button
        style={{ marginTop: 14 }}
        icon={copied ? <CheckOutlined /> : <CopyOutlined />}
        onClick={() => void copy()}
        data-testid="recovery-copy"
      >
        {copied ? t('recovery.copiedButton') : t('recovery.copy')}
      </Button>
    </div>
  );
}

export const recoveryKeyFont = MONO;
