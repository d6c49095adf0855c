import {
  AUDIT_ACTION_TITLES, AUDIT_ACTOR_TITLES, AUDIT_FIELD_TITLES, AUDIT_OBJECT_TITLES, AUDIT_VALUE_TITLES,
} from '../../../../src-shared/audit/titles.js';

export type Keyed<P extends string, T> = { [K in keyof T & string as `${P}${K}`]: string };

/** The shared Chinese titles under `<prefix><name>` keys, so the CLI, the export and the screen never disagree. */
export function keyed<P extends string, T extends Record<string, string>>(prefix: P, table: T): Keyed<P, T> {
  return Object.fromEntries(Object.entries(table).map(([name, title]) => [prefix + name, title])) as Keyed<P, T>;
}

/** 审计日志: the settings tab that filters, verifies and exports the audit log. */
export const audit = {
  'audit.explain': '每一次解锁、改密码、发货、导出等操作都会记下来，并一条扣一条地校验。有人直接改动数据文件时，校验会指出第一条被改的记录。',
  'audit.verify.button': '校验审计链',
  'audit.verify.ok': '审计链完整：共 {entries} 条记录，没有发现改动。',
  'audit.verify.broken': '审计链校验失败：有记录被改动过',
  'audit.verify.firstBroken': '第 {seq} 条记录（{at}）：{reason}。',
  'audit.verify.goodBefore': '它之前的 {good} 条记录完好。',
  'audit.verify.unknownTime': '时间未知',
  'audit.verify.locate': '定位',
  'audit.located': '已定位到第 {seq} 条记录（已清除筛选）',
  'audit.brokenTag': '被改动',
  'audit.filter.allActors': '全部操作人',
  'audit.filter.actions': '操作（可多选，输入中文搜索）',
  'audit.filter.allObjects': '全部对象',
  'audit.filter.objectId': '输入编号，回车',
  'audit.filter.objectIdNeedsType': '先选类型',
  'audit.filter.from': '开始时间',
  'audit.filter.to': '结束时间',
  'audit.filter.clear': '清除筛选',
  'audit.filter.option': '{label}（{count}）',
  'audit.count.all': '共 {total} 条记录',
  'audit.count.filtered': '符合筛选的记录 {total} 条',
  'audit.empty': '没有符合筛选的记录',
  'audit.export.button': '导出',
  'audit.export.xlsx': '导出 Excel（.xlsx）',
  'audit.export.csv': '导出 CSV（.csv，Excel 可直接打开）',
  'audit.col.seq': '序号',
  'audit.col.time': '时间（北京时间）',
  'audit.col.actor': '操作人',
  'audit.col.action': '操作',
  'audit.col.object': '对象',
  'audit.col.summary': '内容',
  'audit.yes': '是',
  'audit.no': '否',
  ...keyed('audit.action.', AUDIT_ACTION_TITLES),
  ...keyed('audit.actor.', AUDIT_ACTOR_TITLES),
  ...keyed('audit.object.', AUDIT_OBJECT_TITLES),
  ...keyed('audit.field.', AUDIT_FIELD_TITLES),
  ...keyed('audit.value.', AUDIT_VALUE_TITLES),
};
