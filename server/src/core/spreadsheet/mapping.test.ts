import { describe, expect, it } from 'vitest';
import {
  chooseColumns,
  detectHeaderRow,
  headerKey,
  type MappingField,
  mappingProblems,
  nonDataRowReason,
  toHeaderMapping,
  unmappedHeaders,
} from './mapping.ts';

const fields: MappingField<'name' | 'id' | 'org' | 'orgCode' | 'phone'>[] = [
  { key: 'name', label: '姓名', required: true },
  { key: 'id', label: '身份证号', synonyms: ['身份证号码', '公民身份号码'], required: true },
  { key: 'orgCode', label: '党组织编码', oneOf: 'org' },
  { key: 'org', label: '所在党组织', synonyms: ['所在党支部', '所属支部'], oneOf: 'org' },
  { key: 'phone', label: '手机号', synonyms: ['联系电话', '手机号码'] },
];
const raw = (number: number, ...values: unknown[]) => ({ number, values: [undefined, ...values] });

describe('column mapping', () => {
  it('compares headers without spaces, required marks or a trailing colon', () => {
    expect(headerKey(' 身份证 号码 * ')).toBe('身份证号码');
    expect(headerKey('姓名（必填）：')).toBe('姓名');
  });

  it('finds the header under a title block and blank rows', () => {
    const head = [
      raw(1, '某局党员花名册'),
      raw(2, '填报单位：某局'),
      raw(4, '序号', '姓名', '公民身份号码', '所属支部'),
    ];
    expect(detectHeaderRow(head, fields)).toBe(2);
    expect(detectHeaderRow([raw(1, '某局党员花名册')], fields)).toBeNull();
  });

  it('prefers the user’s choice, then the saved mapping, then synonyms; a field takes one column', () => {
    const columns = [
      { column: 1, header: '序号' },
      { column: 2, header: '姓名' },
      { column: 3, header: '证件号' },
      { column: 4, header: '联系电话' },
      { column: 5, header: '手机号码' },
      { column: 6, header: '所属支部' },
    ];
    const auto = chooseColumns(columns, fields);
    expect(auto.map((c) => c.field)).toEqual([null, 'name', null, 'phone', null, 'org']);
    expect(unmappedHeaders(auto)).toEqual(['序号', '证件号', '手机号码']);
    expect(mappingProblems(auto, fields).map((p) => p.field)).toEqual(['身份证号']);

    const saved = chooseColumns(columns, fields, { saved: { 证件号: 'id', 联系电话: null } });
    expect(saved.map((c) => [c.field, c.source])).toEqual([
      [null, null],
      ['name', 'synonym'],
      ['id', 'saved'],
      [null, null],
      ['phone', 'synonym'],
      ['org', 'synonym'],
    ]);
    expect(mappingProblems(saved, fields)).toEqual([]);
    expect(toHeaderMapping(saved)).toMatchObject({ 证件号: 'id', 联系电话: null });

    const chosen = chooseColumns(columns, fields, {
      saved: { 证件号: 'id' },
      overrides: [
        { column: 3, field: null },
        { column: 1, field: '身份证号' },
      ],
    });
    expect(chosen.map((c) => c.field)).toEqual(['id', 'name', null, 'phone', null, 'org']);
    expect(chosen[0]?.source).toBe('chosen');
  });

  it('asks for one of a group of fields and refuses a field chosen for two columns', () => {
    const two = chooseColumns(
      [
        { column: 1, header: '姓名' },
        { column: 2, header: '身份证号' },
        { column: 3, header: '备用号码' },
      ],
      fields,
      {
        overrides: [
          { column: 2, field: 'id' },
          { column: 3, field: 'id' },
        ],
      },
    );
    expect(mappingProblems(two, fields).map((p) => p.message)).toEqual([
      '“身份证号”对应了多列（身份证号、备用号码），请只保留一列',
      '缺少“党组织编码”或“所在党组织”列：请在映射中指定对应的列',
    ]);
  });

  it('recognises totals and notes by their first cells only', () => {
    expect(nonDataRowReason(raw(20, '合计', '共 25 人'))).toBe('total');
    expect(nonDataRowReason(raw(20, null, '共25人'))).toBe('total');
    expect(nonDataRowReason(raw(21, '注：本表由各支部填报'))).toBe('note');
    expect(nonDataRowReason(raw(22, '填表人：张三', null, '审核人：李四'))).toBe('note');
    expect(nonDataRowReason(raw(5, 3, '张合计', '330…', '统计员'))).toBeNull();
    expect(nonDataRowReason(raw(6, 4, '李四', '330…', '第一支部', '合计'))).toBeNull();
  });
});
