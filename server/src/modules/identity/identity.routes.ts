import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParamsSchema, OkSchema, pageOf } from '#contracts/common';
import {
  ChangePasswordBodySchema,
  CreateUserBodySchema,
  InitialPasswordSchema,
  LockoutSchema,
  LoginBodySchema,
  SecurityPolicySchema,
  SessionSchema,
  SetRolesBodySchema,
  UnlockBodySchema,
  UpdateUserBodySchema,
  UserListQuerySchema,
  UserSchema,
} from '#contracts/identity';
import { type AppServices, ctxFromRequest, inTransaction } from '../../core/context.ts';
import { unauthenticated } from '../../core/errors.ts';
import {
  type CookiePolicy,
  clearSessionCookies,
  sessionToken,
  setSessionCookies,
} from './identity.plugin.ts';
import {
  buildSession,
  changePassword,
  listLockouts,
  login,
  logout,
  type SessionPolicy,
  securityPolicy,
  unlock,
} from './identity.service.ts';
import { createUser, getUser, listUsers, resetPassword, setRoles, updateUser } from './identity.users.ts';

const tags = ['identity'];

export function identityRoutes(services: AppServices, policy: SessionPolicy, cookies: CookiePolicy) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/auth/login',
      {
        config: { access: { kind: 'public' } },
        schema: { tags, summary: '登录 Sign in', body: LoginBodySchema, response: { 200: SessionSchema } },
      },
      async (request, reply) => {
        const ctx = ctxFromRequest(request, services);
        const previous = sessionToken(request, cookies);
        const outcome = await inTransaction(ctx, (tx) =>
          login(tx, request.body, request.headers['user-agent'] ?? null, policy, previous),
        );
        if ('error' in outcome) throw outcome.error;
        setSessionCookies(request, reply, outcome.token, outcome.session.csrfToken, cookies);
        return outcome.session;
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: { kind: 'public' } },
        schema: { tags, summary: '退出 Sign out', response: { 200: OkSchema } },
      },
      async (request, reply) => {
        if (request.actor && request.sessionIdHash) {
          const idHash = request.sessionIdHash;
          await inTransaction(ctxFromRequest(request, services), (tx) => logout(tx, idHash));
        }
        clearSessionCookies(request, reply, cookies);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/auth/session',
      {
        config: { access: { kind: 'signed_in', allowPendingPasswordChange: true } },
        schema: { tags, summary: '当前会话 Current session', response: { 200: SessionSchema } },
      },
      async (request) => {
        if (!request.actor || !request.sessionCsrf) throw unauthenticated();
        return buildSession(services.db, request.actor, request.sessionCsrf, policy);
      },
    );

    app.post(
      '/api/auth/change-password',
      {
        config: { access: { kind: 'signed_in', allowPendingPasswordChange: true } },
        schema: {
          tags,
          summary: '修改密码 Change password',
          body: ChangePasswordBodySchema,
          response: { 200: SessionSchema },
        },
      },
      async (request) => {
        const actor = request.actor;
        const idHash = request.sessionIdHash;
        if (!actor || !idHash || !request.sessionCsrf) throw unauthenticated();
        await inTransaction(ctxFromRequest(request, services), (tx) =>
          changePassword({ ...tx, actor }, idHash, request.body),
        );
        return buildSession(
          services.db,
          { ...actor, mustChangePassword: false },
          request.sessionCsrf,
          policy,
        );
      },
    );

    // Accounts: read by the three administrators, managed by the system administrator; roles: assigned by the
    // security administrator (三员分立, ADR 11) ------------------------------------------------------------------
    const read = { access: { kind: 'permission', permission: 'user.read' } } as const;
    const manage = { access: { kind: 'permission', permission: 'user.manage' } } as const;
    const assign = { access: { kind: 'permission', permission: 'role.assign' } } as const;

    app.get(
      '/api/users',
      {
        config: read,
        schema: { tags, querystring: UserListQuerySchema, response: { 200: pageOf(UserSchema) } },
      },
      async (request) => listUsers(ctxFromRequest(request, services), request.query),
    );

    app.get(
      '/api/users/:id',
      { config: read, schema: { tags, params: IdParamsSchema, response: { 200: UserSchema } } },
      async (request) => getUser(ctxFromRequest(request, services), request.params.id),
    );

    app.post(
      '/api/users',
      {
        config: manage,
        schema: { tags, body: CreateUserBodySchema, response: { 200: InitialPasswordSchema } },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => createUser(tx, request.body)),
    );

    app.patch(
      '/api/users/:id',
      {
        config: manage,
        schema: { tags, params: IdParamsSchema, body: UpdateUserBodySchema, response: { 200: UserSchema } },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          updateUser(tx, request.params.id, request.body),
        ),
    );

    app.post(
      '/api/users/:id/reset-password',
      { config: manage, schema: { tags, params: IdParamsSchema, response: { 200: InitialPasswordSchema } } },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) => resetPassword(tx, request.params.id)),
    );

    app.put(
      '/api/users/:id/roles',
      {
        config: assign,
        schema: { tags, params: IdParamsSchema, body: SetRolesBodySchema, response: { 200: UserSchema } },
      },
      async (request) =>
        inTransaction(ctxFromRequest(request, services), (tx) =>
          setRoles(tx, request.params.id, request.body),
        ),
    );

    // Security policy and lockouts: the security administrator --------------------------------------------------
    const security = { access: { kind: 'permission', permission: 'security.manage' } } as const;

    app.get(
      '/api/security/policy',
      { config: security, schema: { tags, response: { 200: SecurityPolicySchema } } },
      async () => securityPolicy(policy),
    );

    app.get(
      '/api/security/lockouts',
      { config: security, schema: { tags, response: { 200: z.array(LockoutSchema) } } },
      async (request) => listLockouts(ctxFromRequest(request, services)),
    );

    app.post(
      '/api/security/unlock',
      { config: security, schema: { tags, body: UnlockBodySchema, response: { 200: OkSchema } } },
      async (request) => {
        await inTransaction(ctxFromRequest(request, services), (tx) =>
          unlock(tx, request.body.kind, request.body.key),
        );
        return { ok: true as const };
      },
    );
  };
}
