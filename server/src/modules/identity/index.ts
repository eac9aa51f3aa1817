// Public API of the identity module: accounts, sessions, roles and the scope checks every other module uses.

export { holdersCovering } from './identity.holders.ts';
export { type AccountTies, accountsOfMembers, accountTies } from './identity.lookup.ts';
export { generateInitialPassword } from './identity.password.ts';
export {
  type ApiDocsAccess,
  installAccessControl,
  type RegisteredRoute,
  registeredRoutes,
  requireAccessRules,
} from './identity.plugin.ts';
export { identityRoutes } from './identity.routes.ts';
export { hasPermission, isInScope, permissionsOf, scopePaths, scopeSql } from './identity.scope.ts';
export { loadActor, type SessionPolicy, setInitialPassword, unlock } from './identity.service.ts';
export {
  CONSOLE_ACTOR_ID,
  createUser,
  demoAccountsUsingPassword,
  ensureFirstAdmin,
  findUserIdByUsername,
  resetPassword,
} from './identity.users.ts';
