// Excel in and out that is not owned by one domain module: the download of an import's error report, the uploads
// and saved column mappings of the mapping step, and the one-import-at-a-time rule. Kept files and running imports
// are rows of the database (transfer_file, import_run), so that every app instance sees them.
export { type KeptFile, storeReport, takeReport } from './transfer.files.ts';
export { loadSavedMapping, mappingUnitOf, saveMapping } from './transfer.mapping.ts';
export { transferRoutes } from './transfer.routes.ts';
export {
  checkOverrides,
  importRunning,
  keepUpload,
  oneImportAtATime,
  requireUpload,
  takeUpload,
} from './transfer.uploads.ts';
