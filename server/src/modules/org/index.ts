// Public API of the org module: the Party organisation tree, units and business departments, and their Excel in/out.

export {
  type DirectoryDepartment,
  type DirectoryOrg,
  departmentNameKey,
  loadOrgDirectory,
  type OrgDirectory,
  orgNameKey,
} from './org.directory.ts';
export { exportOrganisations, organisationTemplate } from './org.export.ts';
export { applyLocatedImport, applyOrganisationImport, type ImportCounts } from './org.import.apply.ts';
export { type ParsedWorkbook, parseOrganisationWorkbook } from './org.import.ts';
export { orgJobs } from './org.jobs.ts';
export { closeEndedTemporaryOrgs } from './org.lifecycle.ts';
export {
  branchesServing,
  countPartyOrgs,
  type DepartmentRef,
  departmentsServed,
  findDepartmentById,
  findDepartmentsByCodes,
  findOrgan,
  findPartyOrgByCode,
  findPartyOrgById,
  findWorkCommitteeUnitId,
  getPartyOrgPath,
  listPartyOrgIdsByCodes,
  listPartyOrgRefsByCodes,
  type OrganRef,
  type OrganRoot,
  type OrgSpan,
  organDepartments,
  organRoots,
  orgSpans,
  type PartyOrgRef,
  partyOrgRefs,
  partyOrgsUnder,
} from './org.lookup.ts';
export { partnerRoutes } from './org.partners.routes.ts';
export { type PartnerOrgRef, partnerOrgRefs } from './org.partners.ts';
export { orgRoutes } from './org.routes.ts';
export { importOrganisationWorkbook, previewOrganisationWorkbook } from './org.workbook.ts';
