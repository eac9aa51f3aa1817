// The 示例 column of the import template must hold values the product itself accepts: a user who copies an
// example into the data sheet must not be told it is wrong.
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../core/spreadsheet/write.ts';
import { writeTemplate } from '../../core/spreadsheet/write.ts';
import { parseOrganisationWorkbook } from './org.import.ts';
import {
  DEPARTMENT_SHEET_COLUMNS,
  ORG_SHEET_COLUMNS,
  SHEET_DEPARTMENTS,
  SHEET_ORGS,
  SHEET_UNITS,
  UNIT_SHEET_COLUMNS,
} from './org.sheets.ts';

/** One row made of the columns' examples; a required column without an example takes its first allowed value. */
function exampleRow(columns: readonly ColumnSpec[]) {
  return Object.fromEntries(
    columns.map((c) => [c.key, c.example ?? (c.required ? c.list?.[0] : undefined) ?? null]),
  );
}

describe('organisation template examples', () => {
  it('organisations: a workbook of the example rows reads back with no cell issues', async () => {
    const buf = await writeTemplate([
      { name: SHEET_UNITS, columns: UNIT_SHEET_COLUMNS, rows: [exampleRow(UNIT_SHEET_COLUMNS)] },
      { name: SHEET_ORGS, columns: ORG_SHEET_COLUMNS, rows: [exampleRow(ORG_SHEET_COLUMNS)] },
      {
        name: SHEET_DEPARTMENTS,
        columns: DEPARTMENT_SHEET_COLUMNS,
        rows: [exampleRow(DEPARTMENT_SHEET_COLUMNS)],
      },
    ]);
    const parsed = await parseOrganisationWorkbook(buf);
    expect(parsed.issues).toEqual([]);
    expect([parsed.units.length, parsed.orgs.length, parsed.departments.length]).toEqual([1, 1, 1]);
  });
});
