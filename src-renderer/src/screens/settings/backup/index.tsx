/** 备份与恢复 (filled by the backup work). */
export function BackupSection() {
  return null;
}
