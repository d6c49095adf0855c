#!/usr/bin/env node
// Writes the 卡密导入模板 merchants download from the import wizard:
//   resources/import-template.xlsx            (the source kept with the project)
//   src-renderer/public/import-template.xlsx  (served as a static file at ./import-template.xlsx by
//                                              both hosts: Vite copies public/ into out/renderer)
// Run after changing this script: `node scripts/make-import-template.js`. Both files are committed.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'resources', 'import-template.xlsx');
const servedCopy = join(root, 'src-renderer', 'public', 'import-template.xlsx');

// Fixed, so regenerating without changes gives the same workbook properties.
const STAMP = new Date(Date.UTC(2026, 0, 1));
const EXAMPLE = '示例行，导入前请删除';

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EFFF' } };

function keysSheet(workbook) {
  const sheet = workbook.addWorksheet('卡密', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '卡号', key: 'cardNo', width: 24 },
    { header: '卡密', key: 'secret', width: 28 },
    { header: '有效期', key: 'expiry', width: 14 },
    { header: '面值', key: 'faceValue', width: 10 },
    { header: '备注', key: 'note', width: 24 },
  ];
  // 卡号 and 卡密 as text: a 16–19 digit number typed into a General cell loses its last digits.
  for (const key of ['cardNo', 'secret', 'expiry']) sheet.getColumn(key).numFmt = '@';
  sheet.addRow({ cardNo: '1000200030004000', secret: 'K3X8-ABCD-EFGH-9Q', expiry: '2027-06-30', faceValue: 30, note: EXAMPLE });
  sheet.addRow({ cardNo: '1000200030004001', secret: 'M7PQ-RSTU-VWXY-2Z', expiry: '2027-06-30', faceValue: 30, note: EXAMPLE });
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.alignment = { vertical: 'middle' };
  header.height = 22;
  return sheet;
}

const NOTES = [
  ['卡密导入模板说明', ''],
  ['', ''],
  ['列', '怎么填'],
  ['卡号', '可不填。只有卡密（兑换码、激活码）的商品，这一列留空或删掉。'],
  ['卡密', '必填。每行一张，前后空格会自动去掉；重复的卡密只导入一次。'],
  ['有效期', '可不填。写到期那天即可，如 2027-06-30、2027/6/30 或 2027年6月30日，按北京时间当天结束计算。也可以在导入时给整批设一个到期日。'],
  ['面值', '可不填，只作记录。'],
  ['备注', '可不填，只作记录。'],
  ['', ''],
  ['注意事项', ''],
  ['长数字请设为文本格式', '16 位以上的卡号或卡密如果是“数字”格式，Excel 会把末尾几位变成 0（或显示成 1.0002E+15），这样的行会被拦下。请先把整列设为“文本”格式再粘贴，本模板的卡号、卡密两列已经设好。'],
  ['示例行', '“卡密”工作表里的两行是示例，导入前请删除。'],
  ['其他格式也可以', '不必非用这个模板：供应商发来的 Excel（.xlsx/.xls）、WPS 表格、CSV、TXT（每行一张，或“卡号----卡密”）都能直接导入，导入前可以预览并改选每一列。'],
  ['导入规则', '默认“全部成功才导入”：有一行有问题就整份不导入，改好后再导；也可以选择“只导入有效行”，有问题的行可下载问题清单查看原因。'],
];

function notesSheet(workbook) {
  const sheet = workbook.addWorksheet('说明');
  sheet.columns = [{ width: 22 }, { width: 90 }];
  for (const line of NOTES) sheet.addRow(line);
  sheet.getCell('A1').font = { bold: true, size: 14 };
  for (const r of [3, 10]) {
    const row = sheet.getRow(r);
    row.font = { bold: true };
    row.fill = HEADER_FILL;
  }
  sheet.getCell('A11').font = { bold: true, color: { argb: 'FFCF1322' } };
  sheet.eachRow((row) => {
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).alignment = { vertical: 'top' };
  });
  return sheet;
}

const workbook = new ExcelJS.Workbook();
workbook.creator = '卡密工作台 KeyDesk';
workbook.created = STAMP;
workbook.modified = STAMP;
keysSheet(workbook);
notesSheet(workbook);
mkdirSync(dirname(target), { recursive: true });
await workbook.xlsx.writeFile(target);
mkdirSync(dirname(servedCopy), { recursive: true });
copyFileSync(target, servedCopy);
process.stdout.write(`make-import-template: wrote ${target} and ${servedCopy}\n`);
