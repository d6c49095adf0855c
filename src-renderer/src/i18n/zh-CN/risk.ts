/** risk: filled by the risk work. */
export const risk = {
  'risk.placeholder': '',
};
