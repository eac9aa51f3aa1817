// Public API of the member module: the routes, and the roster import/export the demo loader and the CLI use.
export { exportMemberWorkbook, memberTemplate } from './member.export.ts';
export {
  type ApplyOptions,
  type ApplyOutcome,
  applyMemberImport,
  importMemberWorkbook,
  previewMemberWorkbook,
} from './member.import.ts';
export { finishCommittedBatches as finishCommittedImports } from './member.import-stage.ts';
export {
  activeMembersNamed,
  type MemberRef,
  memberRefs,
  type NamedMember,
  postHoldersOf,
  type RosterMember,
  rosterOn,
} from './member.lookup.ts';
export { leaveMember } from './member.moves.ts';
export { memberRoutes } from './member.routes.ts';
export { memberSelfRoutes } from './member.self.routes.ts';
export {
  findMemberIdByIdNumber,
  getMember,
  listMembers,
  type MemberFilter,
  type MemberHistoryEntry,
} from './member.service.ts';
