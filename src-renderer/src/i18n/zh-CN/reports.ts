/** 报表 screen: filters, the five reports, 对账单 export, fee rates. */
export const reports = {
  'reports.title': '报表',
};
