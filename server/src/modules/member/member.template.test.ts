// The 示例 column of the import template must hold values the product itself accepts: a user who copies an
// example into the data sheet must not be told it is wrong.
import { describe, expect, it } from 'vitest';
import { idNumberProblem } from '#contracts/id-number';
import { PhoneSchema } from '#contracts/member';
import type { ColumnSpec } from '../../core/spreadsheet/write.ts';
import { identityOf, memberFactIssues } from './member.policy.ts';
import { parseRosterRow, ROSTER_COLUMNS, type RosterKey } from './member.roster.ts';

/** One row made of the columns' examples; a required column without an example takes its first allowed value. */
function exampleRow(columns: readonly ColumnSpec[], fill: Record<string, string> = {}) {
  return Object.fromEntries(
    columns.map((c) => [c.key, c.example ?? fill[c.key] ?? (c.required ? c.list?.[0] : undefined) ?? null]),
  );
}

describe('member template examples', () => {
  it('member roster: the example 身份证号 has a valid check digit and the example row parses without issues', () => {
    const idExample = ROSTER_COLUMNS.find((c) => c.key === 'idNumber')?.example;
    expect(idExample).toMatch(/^\d{17}[\dX]$/);
    expect(idNumberProblem(String(idExample))).toBeNull();

    const cells = exampleRow(ROSTER_COLUMNS, { partyOrgCode: 'JG-01' }) as Record<RosterKey, unknown>;
    const { row, issues } = parseRosterRow({ rowNumber: 3, cells }, '党员名册');
    expect(issues).toEqual([]);
    expect(row).not.toBeNull();
    if (!row) throw new Error('the example row did not parse');
    expect(PhoneSchema.safeParse(row.phone).success).toBe(true);
    expect(
      memberFactIssues({
        identity: identityOf(row.idNumber),
        gender: row.gender,
        category: row.category,
        joinedOn: row.joinedOn,
        fullOn: row.fullOn,
      }),
    ).toEqual([]);
  });
});
