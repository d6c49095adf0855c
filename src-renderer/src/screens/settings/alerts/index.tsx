/** 提醒: desktop notifications and group-bot webhooks (filled by the alerts work). */
export function AlertsSection() {
  return null;
}
