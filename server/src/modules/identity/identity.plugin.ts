import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { Access, AppServices } from '../../core/context.ts';
import { AppError, forbidden, unauthenticated } from '../../core/errors.ts';
import { isSecureRequest, type TlsPolicy } from '../../core/http.ts';
import { hasPermission } from './identity.scope.ts';
import { resolveSession, type SessionPolicy } from './identity.service.ts';

export const SESSION_COOKIE = 'ronghe_sid';
export const CSRF_COOKIE = 'ronghe_csrf';
/** Over TLS the cookies carry the __Host- prefix: the browser then takes them only Secure, host-only, on path /. */
const HOST_PREFIX = '__Host-';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CookiePolicy = TlsPolicy;

function cookieNames(secure: boolean) {
  const prefix = secure ? HOST_PREFIX : '';
  return { session: `${prefix}${SESSION_COOKIE}`, csrf: `${prefix}${CSRF_COOKIE}` };
}

/** The session token the request carries, under the cookie name its transport uses. */
export function sessionToken(request: FastifyRequest, policy: CookiePolicy): string | null {
  return request.cookies[cookieNames(isSecureRequest(request, policy)).session] ?? null;
}

export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  csrfToken: string,
  policy: CookiePolicy,
): void {
  const secure = isSecureRequest(request, policy);
  const names = cookieNames(secure);
  reply.setCookie(names.session, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.setCookie(names.csrf, csrfToken, { path: '/', httpOnly: false, sameSite: 'lax', secure });
}

export function clearSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  policy: CookiePolicy,
): void {
  const secure = isSecureRequest(request, policy);
  const names = cookieNames(secure);
  reply.clearCookie(names.session, { path: '/', secure });
  reply.clearCookie(names.csrf, { path: '/', secure });
}

/** Who may read the API documentation (`API_DOCS`); with 'off' it is not served at all. */
export type ApiDocsAccess = 'public' | 'signed-in' | 'off';

/**
 * Refuses to register an API route that declares no access rule, so a route cannot be added without deciding who
 * may use it. The OpenAPI viewer's own routes get the rule `API_DOCS` names.
 */
export function requireAccessRules(app: FastifyInstance, docs: ApiDocsAccess = 'signed-in'): void {
  const routes: RegisteredRoute[] = [];
  registries.set(app, routes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    if (route.url.startsWith('/api/docs')) {
      const access: Access = docs === 'public' ? { kind: 'public' } : { kind: 'signed_in' };
      route.config = { ...(route.config ?? {}), access };
      return;
    }
    const access = route.config?.access;
    if (!access) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        routes.push({ method: String(method), url: route.url, access, schema: route.schema });
    }
  });
}

/** `schema` is the route's own (zod) schema, so that tests can derive valid requests from it. */
export type RegisteredRoute = {
  method: string;
  url: string;
  access: Access;
  schema: FastifySchema | undefined;
};
const registries = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every API route with its access rule, as registered: the authorisation matrix test walks this list. */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return [...(registries.get(app) ?? [])];
}

declare module 'fastify' {
  interface FastifyRequest {
    sessionIdHash: string | null;
  }
}

/**
 * Resolves the session cookie to an actor, then applies the route's access rule, CSRF and origin checks. It runs
 * on request, before the body is read or validated: an anonymous caller learns nothing from a route's schema and
 * spends no parsing on a route it may not use.
 */
export function installAccessControl(
  app: FastifyInstance,
  services: AppServices,
  policy: SessionPolicy,
  cookies: CookiePolicy,
): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionCsrf', null);
  app.decorateRequest('sessionIdHash', null);

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return; // static files and the web app
    if (access.kind === 'push_token') {
      // A machine's bearer token, which a browser never sends by itself: no CSRF or origin check applies. A session
      // must not push (a signed-in page could otherwise write figures a business system alone reports).
      if (sessionToken(request, cookies))
        throw forbidden('auth.push_session', '推送接口只接受业务系统的推送令牌，不能以登录会话调用');
      if (!/^Bearer\s+\S+$/i.test(request.headers.authorization ?? ''))
        throw unauthenticated(
          'auth.push_token_required',
          '请在 Authorization 头中以 Bearer 方式提供推送令牌',
        );
      return;
    }
    const token = sessionToken(request, cookies);
    if (token) {
      const resolved = await resolveSession(services.db, token, policy);
      if (resolved) {
        request.actor = resolved.actor;
        request.sessionCsrf = resolved.csrfToken;
        request.sessionIdHash = resolved.idHash;
      }
    }
    if (!SAFE_METHODS.has(request.method)) {
      const origin = request.headers.origin;
      if (origin && origin !== 'null') {
        let originHost = '';
        try {
          originHost = new URL(origin).host;
        } catch {
          originHost = '';
        }
        // An origin that names no host (unparseable, file:) matches nothing, even a request without a Host.
        if (!originHost || originHost !== request.headers.host)
          throw forbidden('auth.bad_origin', '跨站请求被拒绝');
      }
      if (request.actor) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || sent !== request.sessionCsrf) {
          throw forbidden('auth.csrf', '页面已过期，请刷新后重试 (CSRF token missing or wrong)');
        }
      }
    }
    if (access.kind === 'public') return;
    if (!request.actor) throw unauthenticated();
    const pendingOk = access.kind === 'signed_in' && access.allowPendingPasswordChange;
    if (request.actor.mustChangePassword && !pendingOk) {
      throw new AppError('forbidden', 'auth.password_change_required', '首次登录或密码已重置，请先修改密码');
    }
    if (access.kind === 'permission' && !hasPermission(request.actor, access.permission)) {
      throw forbidden('auth.forbidden');
    }
  });
}
