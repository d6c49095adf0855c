import { App, Button, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import type { BackupSettings, MethodOutput } from '../../../../../src-shared/contract/index.js';
import { formatTime } from '../../../../../src-shared/format.js';
import { call, inputIssues } from '../../../api/index.js';
import { useErrorText, useT } from '../../../i18n/index.js';
import { WEEKDAYS, weekdayLabel } from './labels.js';

type View = MethodOutput<'backup.settings.get'>;

/** 备份文件夹与计划: where backups go, when they run (Beijing time), how many are kept. */
export function BackupSettingsForm(props: { settings: View; onSaved(settings: View): void }) {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<BackupSettings>();
  const [saving, setSaving] = useState(false);
  const schedule = Form.useWatch('schedule', form) ?? props.settings.schedule;
  const { nextDueAt, lastBackupAt } = props.settings;

  const save = async (values: BackupSettings) => {
    setSaving(true);
    try {
      const folder = values.folder?.trim() ? values.folder.trim() : null;
      props.onSaved(await call('backup.settings.update', { ...values, folder }));
      message.success(t('backup.settings.saved'));
    } catch (err) {
      const issues = inputIssues(err);
      const field = (err as { details?: { field?: string } }).details?.field;
      if (issues.length) form.setFields(issues.map((i) => ({ name: i.field as keyof BackupSettings, errors: [i.message] })));
      else if (field === 'folder') form.setFields([{ name: 'folder', errors: [errorText(err)] }]);
      else message.error(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<BackupSettings> form={form} layout="vertical" initialValues={props.settings} onFinish={(v) => void save(v)} data-testid="backup-settings" style={{ maxWidth: 760 }}>
      <Form.Item name="folder" label={t('backup.settings.folder')} extra={t('backup.settings.folderHelp')}>
        <Input placeholder={t('backup.settings.folderPlaceholder')} allowClear data-testid="backup-folder" />
      </Form.Item>
      <Flex gap={24} wrap>
        <Form.Item name="schedule" label={t('backup.settings.schedule')}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="backup-schedule"
            options={(['off', 'daily', 'weekly'] as const).map((s) => ({ value: s, label: t(`backup.schedule.${s}`) }))} />
        </Form.Item>
        {schedule === 'weekly' && (
          <Form.Item name="weekday" label={t('backup.settings.weekday')}>
            <Select style={{ width: 120 }} options={WEEKDAYS.map((d) => ({ value: d, label: t(weekdayLabel(d)) }))} data-testid="backup-weekday" />
          </Form.Item>
        )}
        {schedule !== 'off' && (
          <Form.Item name="hour" label={`${t('backup.settings.hour')}${t('common.beijingTime')}`}>
            <Select style={{ width: 120 }} options={Array.from({ length: 24 }, (_, h) => ({ value: h, label: t('backup.settings.hourOption', { hour: String(h).padStart(2, '0') }) }))} data-testid="backup-hour" />
          </Form.Item>
        )}
        <Form.Item name="keep" label={t('backup.settings.keep')} rules={[{ required: true, type: 'number', min: 1, max: 365 }]}>
          <InputNumber min={1} max={365} precision={0} suffix={t('backup.settings.copies')} style={{ width: 130 }} data-testid="backup-keep" />
        </Form.Item>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('backup.settings.keepHelp')}
      </Typography.Paragraph>
      <Flex gap={16} align="center" wrap>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="backup-settings-save">
          {t('backup.settings.save')}
        </Button>
        <Typography.Text type="secondary" data-testid="backup-schedule-status">
          {[
            nextDueAt !== null && t('backup.settings.next', { at: formatTime(nextDueAt) + t('common.beijingTime') }),
            lastBackupAt !== null ? t('backup.settings.last', { at: formatTime(lastBackupAt) }) : t('backup.settings.never'),
          ].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Flex>
      {schedule !== 'off' && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t('backup.settings.missedHelp')}
        </Typography.Paragraph>
      )}
    </Form>
  );
}
