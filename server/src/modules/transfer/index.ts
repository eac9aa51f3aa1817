// Excel in and out that is not owned by one domain module: the download of an import's error report.
export { transferRoutes } from './transfer.routes.ts';
