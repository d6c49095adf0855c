import { MessageOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { RiskHoldView, VerifyStateView } from '../../../../../src-shared/contract/methods/risk.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { call } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';

const CODE = /^\d{4,8}$/;

const STATUS_COLOR: Record<VerifyStateView['status'], string> = {
  sent: 'processing',
  passed: 'success',
  failed: 'error',
  expired: 'default',
  not_sent: 'warning',
};

/**
 * 二次验证 of a verify hold: where the code went and until when, what is left (attempts, sends),
 * 重发验证码, and the code the buyer read out to the owner (e.g. in the shop chat).
 */
export function VerifyBox(props: { hold: RiskHoldView; onChanged(): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const { hold, onChanged } = props;
  const [verify, setVerify] = useState<VerifyStateView | null>(hold.verify);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const [busy, setBusy] = useState<'send' | 'submit'>();
  // A newer read of the queue wins over what this box learned from its own last call.
  const [seen, setSeen] = useState(hold.verify);
  if (seen !== hold.verify) {
    setSeen(hold.verify);
    setVerify(hold.verify);
  }

  const send = async () => {
    setBusy('send');
    try {
      const next = await call('risk.verify.send', { lineId: hold.lineId });
      setVerify(next);
      if (next.status === 'sent') message.success(t('risk.verify.sentTo', { to: next.to ?? '—' }));
      else message.error(next.lastError ?? t('risk.verify.sendFailed'));
      onChanged();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  const submit = async () => {
    if (!CODE.test(code.trim())) {
      setCodeError(t('risk.verify.codeInvalid'));
      return;
    }
    setCodeError(undefined);
    setBusy('submit');
    try {
      const { passed, verify: next } = await call('risk.verify.submit', { lineId: hold.lineId, code: code.trim() });
      setVerify(next);
      if (passed) {
        message.success(t('risk.verify.passed'));
        setCode('');
      } else {
        setCodeError(next.attemptsLeft > 0 ? t('risk.verify.wrong', { left: next.attemptsLeft }) : t('risk.verify.noAttempts'));
      }
      onChanged();
    } catch (err) {
      setCodeError(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  const status = verify?.status ?? 'not_sent';
  const canSubmit = verify !== null && status === 'sent' && verify.attemptsLeft > 0;
  const canSend = verify === null || (verify.sendsLeft > 0 && status !== 'passed');

  return (
    <Card size="small" title={<Space size={8}><MessageOutlined />{t('risk.verify.title')}</Space>} data-testid="verify-box">
      <Flex vertical gap={12}>
        <Space size={8} wrap>
          <Tag color={STATUS_COLOR[status]} data-testid="verify-status">
            {t(`risk.verify.status.${status}`)}
          </Tag>
          {verify?.to && (
            <Typography.Text data-testid="verify-to">
              {t(verify.via === 'site' ? 'risk.verify.toSite' : 'risk.verify.toPhone', { to: verify.to })}
            </Typography.Text>
          )}
        </Space>
        {verify && (
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'sentAt', label: t('risk.verify.sentAt'), children: verify.sentAt === null ? '—' : formatTime(verify.sentAt) },
              { key: 'expiresAt', label: t('risk.verify.expiresAt'), children: verify.expiresAt === null ? '—' : formatTime(verify.expiresAt) },
              { key: 'attempts', label: t('risk.verify.attemptsLeft'), children: <span data-testid="verify-attempts-left">{verify.attemptsLeft}</span> },
              { key: 'sends', label: t('risk.verify.sendsLeft'), children: <span data-testid="verify-sends-left">{verify.sendsLeft}</span> },
            ]}
          />
        )}
        {verify?.lastError && <Alert type="error" showIcon title={verify.lastError} data-testid="verify-error" />}
        <Flex gap={8} wrap align="flex-start">
          <Button icon={<SendOutlined />} onClick={() => void send()} loading={busy === 'send'} disabled={!canSend} data-testid="verify-send">
            {t(verify?.sentAt ? 'risk.verify.resend' : 'risk.verify.send')}
          </Button>
          <Flex vertical gap={4}>
            <Space.Compact>
              <Input
                value={code}
                onChange={(e) => {
                  setCode(e.target.value);
                  setCodeError(undefined);
                }}
                onPressEnter={() => void submit()}
                placeholder={t('risk.verify.codePlaceholder')}
                inputMode="numeric"
                maxLength={8}
                disabled={!canSubmit}
                status={codeError ? 'error' : undefined}
                style={{ width: 200 }}
                data-testid="verify-code"
              />
              <Button type="primary" onClick={() => void submit()} loading={busy === 'submit'} disabled={!canSubmit} data-testid="verify-submit">
                {t('risk.verify.submit')}
              </Button>
            </Space.Compact>
            {codeError && (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="verify-code-error">
                {codeError}
              </Typography.Text>
            )}
          </Flex>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('risk.verify.help')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
