// The columns of the 需求清单 and 资源清单 workbooks (issue 11 point 1): what each import reads, the other words a sheet
// may use, and the templates offered for download. fusion.import.ts reads and writes with them.
import { RESOURCE_KIND_LABELS, type ResourceKind, URGENCY_LABELS } from '#contracts/fusion';
import { type ColumnSpec, writeTemplate } from '../../core/spreadsheet/write.ts';

export type Col<K extends string> = ColumnSpec & { key: K };
const col = <K extends string>(key: K, header: string, o: Omit<Partial<ColumnSpec>, 'key'> = {}): Col<K> => ({
  width: 16,
  ...o,
  key,
  header,
});

export const NEED_COLUMNS = [
  col('department', '提出部门', { required: true, aliases: ['部门', '处室', '科室'], example: '通关科' }),
  col('title', '需求（业务难题）', { required: true, width: 24, aliases: ['需求', '业务难题', '难题'] }),
  col('problem', '问题描述', { required: true, width: 40, aliases: ['描述', '具体问题'] }),
  col('kpi', '影响的业务指标', { aliases: ['业务指标', '指标'] }),
  col('urgency', '紧急程度', {
    required: true,
    list: Object.values(URGENCY_LABELS).map((l) => l.zh),
    example: '较急',
  }),
  col('raisedBy', '提出人', { required: true, example: '通关科 王科长' }),
  col('raisedOn', '提出日期', { required: true, type: 'date' }),
  col('tags', '关键词', { note: '用顿号“、”分隔，最多 8 个', example: '通关、时效' }),
] as const;
export type NeedKey = (typeof NEED_COLUMNS)[number]['key'];

export const RESOURCE_COLUMNS = [
  col('org', '党组织', { required: true, aliases: ['党支部', '所在党组织'], example: '通关科党支部' }),
  col('kind', '类别', {
    required: true,
    list: Object.values(RESOURCE_KIND_LABELS).map((l) => l.zh),
    example: '党员专长',
  }),
  col('title', '资源', { required: true, width: 24, aliases: ['资源名称', '专长'] }),
  col('member', '党员', { note: '党员专长、职业资格须写明党员姓名', aliases: ['姓名'] }),
  col('partner', '共建单位', { note: '共建单位资源须写明已登记的共建单位' }),
  col('description', '说明', { width: 36 }),
  col('tags', '关键词', { note: '用顿号“、”分隔，最多 8 个' }),
  col('capacity', '可同时承担项目数', { type: 'integer', example: '2' }),
] as const;
export type ResourceKey = (typeof RESOURCE_COLUMNS)[number]['key'];

export const KIND_ALIASES: Record<string, ResourceKind> = {
  专长: 'skill',
  技能: 'skill',
  资格证书: 'certificate',
  证书: 'certificate',
  先锋岗: 'pioneer_post',
  攻坚小组: 'task_force',
  突击队: 'task_force',
  党员突击队: 'task_force',
  共建资源: 'partner',
};

export function needsTemplate(): Promise<Buffer> {
  return writeTemplate([
    {
      name: '需求清单',
      columns: NEED_COLUMNS.map(({ aliases: _a, ...c }) => c),
      intro:
        '每行一项业务难题。带 * 的列为必填项；同一部门同名的需求再次导入时更新原记录；任何一行有误则整个文件不导入。',
    },
  ]);
}
export function resourcesTemplate(): Promise<Buffer> {
  return writeTemplate([
    {
      name: '资源清单',
      columns: RESOURCE_COLUMNS.map(({ aliases: _a, ...c }) => c),
      intro:
        '每行一项资源。带 * 的列为必填项；同一党组织同类同名的资源再次导入时更新原记录；任何一行有误则整个文件不导入。',
    },
  ]);
}
