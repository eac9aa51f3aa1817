// Public API of the statistics module: the Party statistics (党内统计) of a subtree and their export.
export { statisticsRoutes } from './statistics.routes.ts';
export { partyStatistics } from './statistics.service.ts';
