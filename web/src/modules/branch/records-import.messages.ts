// The web messages of the records' Excel: the export of a list, the 三会一课 template and the import of historical
// records. The Chinese is the source of truth; English covers every key.
export const recordsImportZh = {
  'records.file.export': '导出 Excel',
  'records.file.import': '导入历史记录',
  'records.file.ledger': '支部工作记录',
  'records.import.title': '导入历史三会一课记录',
  'records.import.hint':
    '按模板每行填写一次已经召开的会议（支部党员大会、支委会、党小组会、党课、主题党日、组织生活会）。人员按姓名填写，应到人员不填则为当天在册党员；任何一行有误则整个文件不导入。',
  'records.import.template': '下载导入模板',
  'records.import.drop': '点击或拖入填好的 Excel 文件（.xlsx）',
  'records.import.uploading': '正在导入……',
  'records.import.done': '导入完成',
  'records.import.result': '共 {rows} 行，新增记录 {created} 条',
  'records.import.refused': '文件中有 {n} 处问题，未导入任何内容；请按提示修改后重新导入',
  'records.import.report': '下载问题报告',
  'records.import.row': '第 {row} 行',
} as const satisfies Record<string, string>;

export const recordsImportEn: Record<keyof typeof recordsImportZh, string> = {
  'records.file.export': 'Export to Excel',
  'records.file.import': 'Import past records',
  'records.file.ledger': 'Work record',
  'records.import.title': 'Import past meetings',
  'records.import.hint':
    'One row per meeting already held (general meeting, committee meeting, cell meeting, Party lecture, theme day, organisational life meeting). People by name; without expected attendees, the roster of the day. Any wrong row and nothing of the file is imported.',
  'records.import.template': 'Download the template',
  'records.import.drop': 'Click or drop the filled-in Excel file (.xlsx)',
  'records.import.uploading': 'Importing…',
  'records.import.done': 'Imported',
  'records.import.result': '{rows} rows, {created} records added',
  'records.import.refused': '{n} problems in the file, nothing imported; correct them and import again',
  'records.import.report': 'Download the problem report',
  'records.import.row': 'Row {row}',
};
