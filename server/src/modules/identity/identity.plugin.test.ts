import { connect } from 'node:net';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Access, Actor, AppServices } from '../../core/context.ts';
import { installErrorHandling, isSecureRequest } from '../../core/http.ts';

// The session look-up is replaced: these tests are about what the plugin does with a session, not about finding one.
const sessions = new Map<string, { actor: Actor; csrfToken: string; idHash: string }>();
/** Every token looked up: a request without a session cookie must cost no look-up. */
const lookedUp: unknown[] = [];
vi.mock('./identity.service.ts', () => ({
  resolveSession: async (_db: unknown, token: string) => {
    lookedUp.push(token);
    return sessions.get(token) ?? null;
  },
}));
const {
  CSRF_COOKIE,
  clearSessionCookies,
  installAccessControl,
  registeredRoutes,
  requireAccessRules,
  SESSION_COOKIE,
  setSessionCookies,
} = await import('./identity.plugin.ts');

function actor(over: Partial<Actor> = {}): Actor {
  return {
    userId: 'u1',
    username: 'u',
    displayName: 'U',
    mustChangePassword: false,
    memberId: null,
    assignments: [{ role: 'branch_secretary', partyOrgId: 'b1', path: '/o/b1/' }],
    ...over,
  };
}
sessions.set('secretary', { actor: actor(), csrfToken: 'csrf-s', idHash: 'h-s' });
sessions.set('pending', { actor: actor({ mustChangePassword: true }), csrfToken: 'csrf-p', idHash: 'h-p' });

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

async function build(routes: { method: 'GET' | 'POST'; url: string; access: Access }[]) {
  app = Fastify();
  await app.register(cookie);
  installErrorHandling(app);
  requireAccessRules(app);
  installAccessControl(
    app,
    { db: null } as unknown as AppServices,
    { idleMinutes: 30, absoluteHours: 12, maxPerUser: 5 },
    { secure: 'false' },
  );
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      config: { access: r.access },
      handler: async (request) => ({ actor: request.actor?.username ?? null, idHash: request.sessionIdHash }),
    });
  }
  await app.ready();
  return app;
}

const ROUTES: { method: 'GET' | 'POST'; url: string; access: Access }[] = [
  { method: 'GET', url: '/api/open', access: { kind: 'public' } },
  { method: 'POST', url: '/api/open', access: { kind: 'public' } },
  { method: 'GET', url: '/api/me', access: { kind: 'signed_in' } },
  { method: 'GET', url: '/api/me-pending', access: { kind: 'signed_in', allowPendingPasswordChange: true } },
  { method: 'GET', url: '/api/members', access: { kind: 'permission', permission: 'member.read' } },
  { method: 'POST', url: '/api/members', access: { kind: 'permission', permission: 'member.write' } },
  { method: 'POST', url: '/api/orgs', access: { kind: 'permission', permission: 'org.write' } },
];

const as = (token: string, csrf?: string, headers: Record<string, string> = {}) => ({
  cookie: `${SESSION_COOKIE}=${token}`,
  ...(csrf ? { 'x-csrf-token': csrf } : {}),
  ...headers,
});
const code = (res: { statusCode: number; json: () => { error?: { code?: string } } }) => [
  res.statusCode,
  res.json().error?.code ?? null,
];

describe('access control plugin', () => {
  it('lets anyone use a public route, and resolves the session there too', async () => {
    await build(ROUTES);
    expect((await app.inject({ method: 'GET', url: '/api/open' })).json()).toEqual({
      actor: null,
      idHash: null,
    });
    expect((await app.inject({ method: 'POST', url: '/api/open' })).statusCode).toBe(200);
    const signedIn = await app.inject({ method: 'GET', url: '/api/open', headers: as('secretary') });
    expect(signedIn.json()).toEqual({ actor: 'u', idHash: 'h-s' });
    // An unknown cookie is no session.
    expect(
      (await app.inject({ method: 'GET', url: '/api/open', headers: as('forged') })).json().actor,
    ).toBeNull();
  });

  it('answers 401 auth.required without a session, on every kind of protected route', async () => {
    await build(ROUTES);
    for (const url of ['/api/me', '/api/me-pending', '/api/members']) {
      expect(code(await app.inject({ method: 'GET', url })), url).toEqual([401, 'auth.required']);
    }
    expect(code(await app.inject({ method: 'GET', url: '/api/me', headers: as('forged') }))).toEqual([
      401,
      'auth.required',
    ]);
  });

  it('needs the permission the route names', async () => {
    await build(ROUTES);
    expect(
      (await app.inject({ method: 'GET', url: '/api/members', headers: as('secretary') })).statusCode,
    ).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: as('secretary') })).statusCode).toBe(
      200,
    );
    const write = await app.inject({
      method: 'POST',
      url: '/api/members',
      headers: as('secretary', 'csrf-s'),
    });
    expect(write.statusCode).toBe(200);
    const org = await app.inject({ method: 'POST', url: '/api/orgs', headers: as('secretary', 'csrf-s') });
    expect(code(org)).toEqual([403, 'auth.forbidden']);
  });

  it('holds a pending password change everywhere except routes that allow it', async () => {
    await build(ROUTES);
    for (const url of ['/api/me', '/api/members']) {
      expect(code(await app.inject({ method: 'GET', url, headers: as('pending') })), url).toEqual([
        403,
        'auth.password_change_required',
      ]);
    }
    expect(
      (await app.inject({ method: 'GET', url: '/api/me-pending', headers: as('pending') })).statusCode,
    ).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/open', headers: as('pending') })).statusCode).toBe(
      200,
    );
  });

  it('needs the session’s CSRF token on writes, and on reads asks for none', async () => {
    await build(ROUTES);
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/members', headers });
    expect(code(await post(as('secretary')))).toEqual([403, 'auth.csrf']);
    expect(code(await post(as('secretary', 'csrf-p')))).toEqual([403, 'auth.csrf']);
    expect(code(await post(as('secretary', 'csrf-s')))).toEqual([200, null]);
    // A public write by someone signed in is a write of that session: the token is needed there too.
    expect(code(await app.inject({ method: 'POST', url: '/api/open', headers: as('secretary') }))).toEqual([
      403,
      'auth.csrf',
    ]);
    // Without a session there is no token to check (sign-in itself is such a request).
    expect((await app.inject({ method: 'POST', url: '/api/open' })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/api/members', headers: as('secretary') })).statusCode,
    ).toBe(200);
  });

  it('refuses writes from another origin, and only writes', async () => {
    await build(ROUTES);
    const post = (origin: string, headers = as('secretary', 'csrf-s')) =>
      app.inject({
        method: 'POST',
        url: '/api/members',
        headers: { ...headers, origin, host: 'ronghe.example' },
      });
    expect(code(await post('https://evil.example'))).toEqual([403, 'auth.bad_origin']);
    expect(code(await post('not a url'))).toEqual([403, 'auth.bad_origin']);
    // An origin without a host never matches, not even a request that names no host of its own. Sent over a
    // real socket: the injector fills in a Host header that an HTTP client may leave empty.
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    for (const origin of ['not a url', 'file:///x']) {
      const head = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write(
            `POST /api/open HTTP/1.1\r\nHost:\r\nOrigin: ${origin}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
          ),
        );
        let text = '';
        socket.on('data', (d) => {
          text += d.toString('utf8');
        });
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(head.split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden');
      expect(head).toContain('auth.bad_origin');
    }
    expect(code(await post('https://ronghe.example:8443'))).toEqual([403, 'auth.bad_origin']);
    expect(code(await post('https://ronghe.example'))).toEqual([200, null]);
    // Browsers send "null" from sandboxed or privacy-sensitive contexts; the CSRF token still protects those.
    expect(code(await post('null'))).toEqual([200, null]);
    // Even without a session (sign-in), a foreign origin may not write.
    expect(
      code(
        await app.inject({
          method: 'POST',
          url: '/api/open',
          headers: { origin: 'https://evil.example', host: 'ronghe.example' },
        }),
      ),
    ).toEqual([403, 'auth.bad_origin']);
    const read = await app.inject({
      method: 'GET',
      url: '/api/members',
      headers: { ...as('secretary'), origin: 'https://evil.example', host: 'ronghe.example' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('looks up a session only when a cookie was sent', async () => {
    await build(ROUTES);
    lookedUp.length = 0;
    await app.inject({ method: 'GET', url: '/api/open' });
    await app.inject({ method: 'GET', url: '/api/me' });
    expect(lookedUp).toEqual([]);
    await app.inject({ method: 'GET', url: '/api/me', headers: as('secretary') });
    expect(lookedUp).toEqual(['secretary']);
  });

  it('says in Chinese what went wrong and what to do', async () => {
    await build(ROUTES);
    const message = (res: { json: () => { error: { message: string } } }) => res.json().error.message;
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/members',
      headers: { ...as('secretary', 'csrf-s'), origin: 'https://evil.example', host: 'ronghe.example' },
    });
    expect(message(foreign)).toBe('跨站请求被拒绝');
    const stale = await app.inject({ method: 'POST', url: '/api/members', headers: as('secretary') });
    expect(message(stale)).toBe('页面已过期，请刷新后重试 (CSRF token missing or wrong)');
    const pending = await app.inject({ method: 'GET', url: '/api/me', headers: as('pending') });
    expect(message(pending)).toBe('首次登录或密码已重置，请先修改密码');
  });

  it('leaves routes outside the API alone', async () => {
    app = Fastify();
    await app.register(cookie);
    requireAccessRules(app);
    installAccessControl(
      app,
      { db: null } as unknown as AppServices,
      { idleMinutes: 30, absoluteHours: 12, maxPerUser: 5 },
      { secure: 'false' },
    );
    app.post('/static/x', async () => ({ ok: true }));
    await app.ready();
    expect(
      (await app.inject({ method: 'POST', url: '/static/x', headers: { origin: 'https://evil.example' } }))
        .statusCode,
    ).toBe(200);
  });

  it('gives an anonymous request a null actor and a null CSRF token, as declared, and a signed-in one both', async () => {
    app = Fastify();
    await app.register(cookie);
    requireAccessRules(app);
    installAccessControl(
      app,
      { db: null } as unknown as AppServices,
      { idleMinutes: 30, absoluteHours: 12, maxPerUser: 5 },
      { secure: 'false' },
    );
    app.get('/api/who', { config: { access: { kind: 'public' } } }, async (request) => ({
      actor: request.actor?.username ?? request.actor,
      sessionCsrf: request.sessionCsrf,
    }));
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/api/who' })).json()).toEqual({
      actor: null,
      sessionCsrf: null,
    });
    expect((await app.inject({ method: 'GET', url: '/api/who', headers: as('secretary') })).json()).toEqual({
      actor: 'u',
      sessionCsrf: 'csrf-s',
    });
  });
});

describe('access rules on routes', () => {
  it('refuses to register an API route without a rule', async () => {
    app = Fastify();
    requireAccessRules(app);
    expect(() => app.get('/api/nothing', async () => ({}))).toThrow(
      /GET \/api\/nothing declares no access rule/,
    );
  });

  it('lists every API route with its rule, once per method, without HEAD, docs or pages', async () => {
    app = Fastify();
    requireAccessRules(app);
    app.get('/api/a', { config: { access: { kind: 'public' } } }, async () => ({}));
    app.route({
      method: ['POST', 'PUT'],
      url: '/api/b',
      config: { access: { kind: 'permission', permission: 'org.write' } },
      handler: async () => ({}),
    });
    app.get('/api/docs/json', async () => ({}));
    app.get('/index.html', async () => ({}));
    await app.ready();
    expect(registeredRoutes(app)).toEqual([
      { method: 'GET', url: '/api/a', access: { kind: 'public' } },
      { method: 'POST', url: '/api/b', access: { kind: 'permission', permission: 'org.write' } },
      { method: 'PUT', url: '/api/b', access: { kind: 'permission', permission: 'org.write' } },
    ]);
    expect(registeredRoutes(Fastify())).toEqual([]);
  });

  it('makes the API documentation public when API_DOCS says so, and for signed-in users by default', async () => {
    app = Fastify();
    requireAccessRules(app);
    app.get('/api/docs/json', async () => ({}));
    await app.ready();
    // The default is checked through the registry-independent route config in the next app.
    await app.close();
    const signedIn = Fastify();
    requireAccessRules(signedIn);
    signedIn.get('/api/docs/json', async (request) => ({ access: request.routeOptions.config.access }));
    expect((await signedIn.inject({ method: 'GET', url: '/api/docs/json' })).json()).toEqual({
      access: { kind: 'signed_in' },
    });
    await signedIn.close();
    app = Fastify();
    await app.register(cookie);
    requireAccessRules(app, 'public');
    installAccessControl(
      app,
      { db: null } as unknown as AppServices,
      { idleMinutes: 30, absoluteHours: 12, maxPerUser: 5 },
      { secure: 'false' },
    );
    app.get('/api/docs/json', async (request) => ({ access: request.routeOptions.config.access }));
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/api/docs/json' })).json()).toEqual({
      access: { kind: 'public' },
    });
  });

  it('gives an API documentation route the API_DOCS rule over its own, and keeps the rest of its config', async () => {
    app = Fastify();
    requireAccessRules(app);
    const config = { access: { kind: 'public' } as Access, viewer: 'swagger-ui' };
    app.get('/api/docs/json', { config }, async (request) => ({ config: request.routeOptions.config }));
    expect((await app.inject({ method: 'GET', url: '/api/docs/json' })).json().config).toMatchObject({
      access: { kind: 'signed_in' },
      viewer: 'swagger-ui',
    });
  });
});

describe('session cookies', () => {
  it('are secure when told so, or when the request came over HTTPS', () => {
    const over = (protocol: string) => ({ protocol }) as never;
    expect(isSecureRequest(over('http'), { secure: 'true' })).toBe(true);
    expect(isSecureRequest(over('https'), { secure: 'false' })).toBe(false);
    expect(isSecureRequest(over('https'), { secure: 'auto' })).toBe(true);
    expect(isSecureRequest(over('http'), { secure: 'auto' })).toBe(false);
  });

  it('set an HttpOnly session cookie and a readable CSRF cookie, and clear both', async () => {
    app = Fastify();
    await app.register(cookie);
    app.get('/in', async (request, reply) => {
      setSessionCookies(request, reply, 'tok', 'csrf', { secure: 'true' });
      return {};
    });
    app.get('/out', async (request, reply) => {
      clearSessionCookies(request, reply, { secure: 'true' });
      return {};
    });
    await app.ready();
    const set = (await app.inject({ method: 'GET', url: '/in' })).cookies;
    expect(set).toEqual([
      // Over TLS the names carry the __Host- prefix (written out: it is what browsers check).
      {
        name: `__Host-${SESSION_COOKIE}`,
        value: 'tok',
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: true,
      },
      { name: `__Host-${CSRF_COOKIE}`, value: 'csrf', path: '/', sameSite: 'Lax', secure: true },
    ]);
    const cleared = (await app.inject({ method: 'GET', url: '/out' })).cookies;
    expect(cleared.map((c) => [c.name, c.value, c.path])).toEqual([
      [`__Host-${SESSION_COOKIE}`, '', '/'],
      [`__Host-${CSRF_COOKIE}`, '', '/'],
    ]);
    expect(cleared.every((c) => (c.expires?.getTime() ?? 0) <= Date.now())).toBe(true);
    // A browser ignores a __Host- cookie without Secure, so a clearing one without it would leave the session.
    expect(cleared.map((c) => c.secure)).toEqual([true, true]);
  });
});
