/** alerts: filled by the alerts work. */
export const alerts = {
  'alerts.tab': '提醒',
};
