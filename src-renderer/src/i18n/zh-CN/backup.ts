/** backup: filled by the backup work. */
export const backup = {
  'backup.tab': '备份与恢复',
};
