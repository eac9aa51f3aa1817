import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgImportRow } from '#contracts/org';
import { buildTestApp, type TestApp } from '../../../../test/helpers.ts';
import { inTransaction } from '../../core/context.ts';
import { applyOrganisationImport } from './index.ts';
import { org as orgRow } from './org.test-helpers.ts';

// An import reads only the organs it names (by unit code, or through the codes it mentions) and the work
// committee's tier; these are the cases where that could differ from reading everything.
let t: TestApp;
const org = (code: string, kind: OrgImportRow['kind'], parentCode: string | null, unitCode: string | null) =>
  orgRow(code, `${code}党组织`, kind, parentCode, unitCode);
const apply = (
  orgs: OrgImportRow[],
  units: { code: string; name: string; rootOrgCode: string | null }[] = [],
) => inTransaction(t.ctx(), (tx) => applyOrganisationImport(tx, { units, orgs, departments: [] }));
const pathOf = async (code: string) =>
  await t.database.db
    .selectFrom('partyOrg')
    .select(['path', 'name', 'unitId'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await buildTestApp();
  const first = await apply(
    [
      org('SWC', 'work_committee', null, null),
      org('SWC2', 'work_committee', null, null),
      org('SG', 'general_branch', 'SWC', null),
      org('SG-1', 'branch', 'SG', null),
      // A branch of 甲机关 under the work committee's own general branch: the one way an organ's path hangs on an
      // organisation of the tier above the organs other than the work committee itself.
      org('SG-2', 'branch', 'SG', 'SUA'),
      org('SA', 'organ_committee', 'SWC', 'SUA'),
      org('SA-1', 'branch', 'SA', 'SUA'),
      org('SB', 'organ_committee', 'SWC', 'SUB'),
      org('SB-1', 'branch', 'SB', 'SUB'),
    ],
    [
      { code: 'SUA', name: '甲机关', rootOrgCode: 'SA' },
      { code: 'SUB', name: '乙机关', rootOrgCode: 'SB' },
    ],
  );
  expect(first.issues).toEqual([]);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('an organisations import reads the organs it names', () => {
  it('finds an organisation of another organ through its code alone, and updates it', async () => {
    const renamed = { ...org('SB-1', 'branch', 'SB', 'SUB'), name: '乙机关第一党支部（更名）' };
    const result = await apply([renamed]);
    expect(result.issues).toEqual([]);
    expect(result.updated).toBe(1);
    expect(result.created).toBe(0);
    expect((await pathOf('SB-1')).name).toBe('乙机关第一党支部（更名）');
  });

  it('places a new branch under a parent of an organ the file names by the parent’s code only', async () => {
    const result = await apply([org('SB-2', 'branch', 'SB', 'SUB')]);
    expect(result.issues).toEqual([]);
    expect(result.created).toBe(1);
    const [parent, child] = [await pathOf('SB'), await pathOf('SB-2')];
    expect(child.path.startsWith(parent.path)).toBe(true);
    expect(child.unitId).toBe(parent.unitId);
  });

  it('knows a code another organ holds, and refuses moving that organisation to an organ as a row issue', async () => {
    const result = await apply([org('SA-1', 'general_branch', 'SB', 'SUB')]);
    // SA-1 exists (a branch of 甲机关), and the file names only 乙机关: found through the code registry, the row is
    // a change of that organisation, refused by the same rule as when everything is read.
    expect(result.created).toBe(0);
    expect(result.issues).toEqual([
      expect.objectContaining({ row: 2, value: 'SUB', reason: '已有党组织不能改属其他单位（现属“SUA”）' }),
    ]);
    expect((await pathOf('SA-1')).path.startsWith((await pathOf('SA')).path)).toBe(true);
  });

  it('reads everything when a work-committee-tier organisation moves, so every path below it moves too', async () => {
    const before = await pathOf('SG-2');
    const result = await apply([org('SG', 'general_branch', 'SWC2', null)]);
    expect(result.issues).toEqual([]);
    const [top, general, branch] = [await pathOf('SWC2'), await pathOf('SG'), await pathOf('SG-2')];
    expect(branch.path).not.toBe(before.path);
    expect(branch.path).toBe(`${general.path}${branch.path.split('/').at(-2)}/`);
    expect(general.path.startsWith(top.path)).toBe(true);
  });
});
