/** 工作台: today / this week, problems waiting, the live delivery feed. */
export const workbench = {
  'workbench.today': '今天',
};
