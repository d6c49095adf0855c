import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Table, Typography, Empty } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import type { AlertChannel } from '../../../../../src-shared/contract/methods/alerts.js';
import { call } from '../../../api/index.js';
import { useCall } from '../../../hooks/useCall.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { AlertSettingsForm } from './AlertSettingsForm.js';
import { CHANNEL_TABLE_WIDTH, channelColumns } from './channel-columns.js';
import { ChannelDrawer } from './ChannelDrawer.js';
import { RecentAlerts } from './RecentAlerts.js';
import { useAlertsChanged } from './useAlertsChanged.js';

interface Notice {
  type: 'success' | 'error';
  title: string;
  description?: string;
}

function Section(props: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={16}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {props.title}
        </Typography.Title>
        {props.extra}
      </Flex>
      {props.children}
    </Flex>
  );
}

/** 提醒: the group bots alerts go to (with 测试发送), how alerts are grouped, and what went out lately. */
export function AlertsSection() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const channels = useCall('alerts.channels.list', {});
  const recent = useCall('alerts.recent', { limit: 200 });
  const info = useCall('app.info', {});
  const [editing, setEditing] = useState<AlertChannel | 'new'>();
  const [testing, setTesting] = useState<number>();
  const [notice, setNotice] = useState<Notice>();
  const { reload: reloadChannels } = channels;
  const { reload: reloadRecent } = recent;
  const reloadAll = useCallback(() => {
    reloadChannels();
    reloadRecent();
  }, [reloadChannels, reloadRecent]);
  useAlertsChanged(reloadAll);

  const test = async (c: AlertChannel) => {
    setTesting(c.id);
    try {
      const r = await call('alerts.channels.test', { id: c.id });
      setNotice({
        type: r.ok ? 'success' : 'error',
        title: t(r.ok ? 'alerts.test.ok' : 'alerts.test.failed', { name: c.name }),
        description: [t('alerts.test.detail', { message: r.message, ms: r.ms }), r.code !== null && t('alerts.test.code', { code: r.code })].filter(Boolean).join(' · '),
      });
    } catch (err) {
      setNotice({ type: 'error', title: t('alerts.test.failed', { name: c.name }), description: errorText(err) });
    } finally {
      setTesting(undefined);
      channels.reload();
    }
  };

  const remove = async (c: AlertChannel) => {
    try {
      await call('alerts.channels.remove', { id: c.id });
      message.success(t('alerts.removed', { name: c.name }));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      channels.reload();
    }
  };

  const columns = channelColumns({ t, testing, onTest: (c) => void test(c), onEdit: setEditing, onRemove: (c) => void remove(c) });

  return (
    <Flex vertical gap={32}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 820 }}>
        {t('alerts.explain')}
      </Typography.Paragraph>

      <Section
        title={t('alerts.channels.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="alert-channel-add">
            {t('alerts.channels.add')}
          </Button>
        }
      >
        {notice && (
          <Alert type={notice.type} showIcon closable={{ onClose: () => setNotice(undefined) }} title={notice.title} description={notice.description} data-testid="alert-channel-notice" />
        )}
        {channels.error !== undefined && (
          <Alert type="error" showIcon title={errorText(channels.error)} action={<Button size="small" onClick={channels.reload}>{t('common.retry')}</Button>} />
        )}
        <Table<AlertChannel>
          data-testid="alert-channels"
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={channels.data ?? []}
          loading={channels.loading && !channels.data}
          pagination={false}
          scroll={{ x: CHANNEL_TABLE_WIDTH }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerts.channels.empty')} /> }}
        />
      </Section>

      <Section title={t('alerts.settings.title')}>
        <AlertSettingsForm />
      </Section>

      <Section title={t('alerts.recent.title')}>
        {recent.error !== undefined && <Alert type="error" showIcon title={errorText(recent.error)} />}
        <RecentAlerts entries={recent.data} loading={recent.loading} />
      </Section>

      {editing !== undefined && (
        <ChannelDrawer
          channel={editing === 'new' ? undefined : editing}
          sandbox={info.data?.sandbox ?? false}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            channels.reload();
          }}
        />
      )}
    </Flex>
  );
}
