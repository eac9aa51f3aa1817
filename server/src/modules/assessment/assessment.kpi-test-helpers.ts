// Test-only, for the business KPI integration tests: another organ of the work committee with one department.
import type { FusionWorld } from '../../../../test/organ-world.ts';
import { applyOrganisationImport } from '../org/index.ts';

/** Organ `${p}U` (root `${p}JG`) with the department `${p}D1`; its unit id. */
export async function organWithDepartment(w: FusionWorld, p: string): Promise<string> {
  const result = await applyOrganisationImport(w.t.ctx(), {
    units: [{ code: `${p}U`, name: `${p}局`, rootOrgCode: `${p}JG` }],
    departments: [
      {
        code: `${p}D1`,
        name: `${p}局办公室`,
        kind: 'section',
        parentCode: null,
        unitCode: `${p}U`,
        sortOrder: 1,
        status: 'active',
      },
    ],
    orgs: [
      {
        code: `${p}JG`,
        name: `${p}局机关党委`,
        kind: 'organ_committee',
        parentCode: 'FWC',
        unitCode: `${p}U`,
        isTemporary: false,
        tempStartOn: null,
        tempEndOn: null,
        foundedOn: null,
        sortOrder: 0,
        departmentCodes: [],
        status: 'active',
        closedOn: null,
      },
    ],
  });
  if (result.issues.length) throw new Error(`seed failed: ${JSON.stringify(result.issues)}`);
  const unit = await w.t.database.db
    .selectFrom('unit')
    .select('id')
    .where('code', '=', `${p}U`)
    .executeTakeFirstOrThrow();
  return unit.id;
}
