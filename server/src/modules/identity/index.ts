// Public API of the identity module: accounts, sessions, roles and the scope checks every other module uses.
export {
  installAccessControl,
  type RegisteredRoute,
  registeredRoutes,
  requireAccessRules,
} from './identity.plugin.ts';
export { identityRoutes } from './identity.routes.ts';
export { hasPermission, isInScope, permissionsOf, scopePaths, scopeSql } from './identity.scope.ts';
export { loadActor, type SessionPolicy, setInitialPassword } from './identity.service.ts';
export { createUser, ensureFirstAdmin, findUserIdByUsername, resetPassword } from './identity.users.ts';
