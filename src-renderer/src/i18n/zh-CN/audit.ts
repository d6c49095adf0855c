/** audit: filled by the audit work. */
export const audit = {
  'audit.placeholder': '',
};
