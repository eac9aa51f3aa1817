import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS, type Role } from '#contracts/identity';
import {
  type AccessRoute,
  afterLoginTarget,
  CHANGE_PASSWORD_PATH,
  guardDecision,
  hasAccess,
  menuRoutes,
  type SessionView,
  selectedMenuPath,
} from './access.ts';
import { ROUTES } from './routes.tsx';

function sessionOf(roles: Role[], mustChangePassword = false, memberId: string | null = null): SessionView {
  const permissions = [...new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]))];
  return { permissions, user: { mustChangePassword, memberId } };
}

const menuPaths = (session: SessionView) => menuRoutes(ROUTES, session).map((r) => r.path);
const route = (path: string): AccessRoute => {
  const found = ROUTES.find((r) => r.path === path);
  if (!found) throw new Error(`no route ${path}`);
  return found;
};

describe('hasAccess', () => {
  it('lets anyone through public and signed_in routes', () => {
    expect(hasAccess([], 'public')).toBe(true);
    expect(hasAccess([], 'signed_in')).toBe(true);
  });
  it('needs the one permission named', () => {
    expect(hasAccess(['member.read'], 'member.read')).toBe(true);
    expect(hasAccess(['member.read'], 'member.write')).toBe(false);
  });
  it('needs any one of a list', () => {
    expect(hasAccess(['org.import'], ['member.import', 'org.import'])).toBe(true);
    expect(hasAccess(['org.read'], ['member.import', 'org.import'])).toBe(false);
    expect(hasAccess(['org.read'], [])).toBe(false);
  });
});

describe('menu of the real route table', () => {
  it('shows the audit administrator the accounts (to read) and the audit log', () => {
    expect(menuPaths(sessionOf(['audit_admin']))).toEqual([
      '/',
      '/notifications',
      '/me/delivery',
      '/users',
      '/audit',
    ]);
  });
  it('shows the security administrator the tree (to place roles), the accounts and security', () => {
    expect(menuPaths(sessionOf(['security_admin']))).toEqual([
      '/',
      '/notifications',
      '/me/delivery',
      '/orgs',
      '/users',
      '/security',
    ]);
  });
  it('shows the system administrator the accounts only: no tree, no members', () => {
    expect(menuPaths(sessionOf(['system_admin']))).toEqual(['/', '/notifications', '/me/delivery', '/users']);
  });
  it('shows an officer the business pages and no administration', () => {
    expect(menuPaths(sessionOf(['organ_committee_officer']))).toEqual([
      '/',
      '/notifications',
      '/me/delivery',
      '/delivery/channels',
      '/orgs',
      '/members',
      '/statistics',
      '/responsibility',
      '/responsibility/coverage',
      '/responsibility/templates',
      '/handovers',
      '/liaisons',
      '/appraisals',
      '/branch/records',
      '/branch/dues',
      '/branch/development',
      '/branch/rollup',
      '/fusion/needs',
      '/fusion/resources',
      '/fusion/board',
      '/fusion/projects',
      '/fusion/brands',
      '/fusion/cases',
      '/fusion/showcase',
      '/fusion/pairings',
      '/assessment/systems',
      '/assessment/cycles',
      '/assessment/grades',
      '/assessment/kpi',
      '/assessment/bulletins',
      '/assessment/reviews',
      '/warnings',
      '/import',
    ]);
  });
  it('shows the import wizard to a branch secretary (member.import without org.import)', () => {
    const paths = menuPaths(sessionOf(['branch_secretary']));
    expect(paths).toContain('/import');
    expect(paths).not.toContain('/users');
    // The branch's lists, but no handovers: those are run by the organ committee's officers.
    expect(paths).toContain('/responsibility');
    expect(paths).not.toContain('/handovers');
  });
  it('hides the import wizard from a leading group member (no import permission)', () => {
    expect(menuPaths(sessionOf(['leading_group_member']))).toEqual([
      '/',
      '/notifications',
      '/me/delivery',
      '/orgs',
      '/members',
      '/statistics',
      '/responsibility',
      '/responsibility/coverage',
      '/responsibility/templates',
      '/liaisons',
      '/appraisals',
      '/branch/records',
      '/branch/dues',
      '/branch/development',
      '/branch/rollup',
      '/fusion/needs',
      '/fusion/resources',
      '/fusion/board',
      '/fusion/projects',
      '/fusion/brands',
      '/fusion/cases',
      '/fusion/showcase',
      '/fusion/pairings',
      '/assessment/systems',
      '/assessment/cycles',
      '/assessment/grades',
      '/assessment/kpi',
      '/assessment/bulletins',
      '/assessment/reviews',
      '/warnings',
    ]);
  });
  it('shows an ordinary member only home, their own record and notifications, not the organ’s trees', () => {
    expect(menuPaths(sessionOf(['member'], false, 'a-member-id'))).toEqual([
      '/',
      '/me',
      '/duties',
      '/me/dues',
      '/notifications',
      '/me/delivery',
      '/me/reviews',
      '/me/assessments',
    ]);
    expect(menuPaths(sessionOf(['member']))).toEqual(['/', '/notifications', '/me/delivery']);
    expect(guardDecision(sessionOf(['member'], false, 'a-member-id'), route('/me'))).toBe('allow');
    expect(guardDecision(sessionOf([]), route('/me'))).toBe('forbidden');
    // 我的职责 and a duty's deep link, like their own record: for an account linked to a member record.
    expect(guardDecision(sessionOf(['member'], false, 'a-member-id'), route('/duties/:itemId'))).toBe(
      'allow',
    );
    expect(guardDecision(sessionOf([]), route('/duties'))).toBe('forbidden');
    expect(guardDecision(sessionOf([]), route('/duties/:itemId'))).toBe('forbidden');
  });
  it('offers an officer linked to a member record their own record too', () => {
    expect(menuPaths(sessionOf(['branch_secretary'], false, 'a-member-id'))).toContain('/me');
  });
  it('never lists detail or password routes', () => {
    const all: SessionView = { permissions: [...PERMISSIONS], user: { mustChangePassword: false } };
    const paths = menuPaths(all);
    expect(paths).not.toContain('/members/:id');
    expect(paths).not.toContain(CHANGE_PASSWORD_PATH);
    expect(paths).toEqual([
      '/',
      '/notifications',
      '/me/delivery',
      '/delivery/channels',
      '/orgs',
      '/members',
      '/statistics',
      '/responsibility',
      '/responsibility/coverage',
      '/responsibility/templates',
      '/handovers',
      '/liaisons',
      '/appraisals',
      '/branch/records',
      '/branch/dues',
      '/branch/development',
      '/branch/rollup',
      '/fusion/needs',
      '/fusion/resources',
      '/fusion/board',
      '/fusion/projects',
      '/fusion/brands',
      '/fusion/cases',
      '/fusion/showcase',
      '/fusion/pairings',
      '/assessment/systems',
      '/assessment/cycles',
      '/assessment/grades',
      '/assessment/kpi',
      '/assessment/bulletins',
      '/assessment/reviews',
      '/warnings',
      '/warnings/settings',
      '/import',
      '/users',
      '/security',
      '/audit',
    ]);
  });
  it('is empty while a password change is pending', () => {
    expect(menuPaths(sessionOf(['system_admin'], true))).toEqual([]);
  });
  it('gives every menu entry a distinct path and both titles', () => {
    const paths = ROUTES.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const r of ROUTES) {
      expect(r.title.zh.length).toBeGreaterThan(0);
      expect(r.title.en.length).toBeGreaterThan(0);
    }
  });
});

describe('guardDecision', () => {
  it('sends the signed-out to the login page', () => {
    expect(guardDecision(null, route('/members'))).toBe('login');
    expect(guardDecision(null, route('/'))).toBe('login');
  });
  it('lets public routes through without a session', () => {
    expect(guardDecision(null, { path: '/login', access: 'public' })).toBe('allow');
  });
  it('refuses a direct visit to a page the roles do not cover', () => {
    expect(guardDecision(sessionOf(['audit_admin']), route('/members'))).toBe('forbidden');
    expect(guardDecision(sessionOf(['audit_admin']), route('/members/:id'))).toBe('forbidden');
    expect(guardDecision(sessionOf(['system_admin']), route('/audit'))).toBe('forbidden');
    expect(guardDecision(sessionOf(['member']), route('/import'))).toBe('forbidden');
  });
  it('allows what the roles cover', () => {
    expect(guardDecision(sessionOf(['audit_admin']), route('/audit'))).toBe('allow');
    expect(guardDecision(sessionOf(['branch_secretary']), route('/members/:id'))).toBe('allow');
    expect(guardDecision(sessionOf(['branch_secretary']), route('/import'))).toBe('allow');
  });
  it('forces a pending password change before anything else, even pages otherwise allowed', () => {
    const pending = sessionOf(['work_committee_officer'], true);
    expect(guardDecision(pending, route('/'))).toBe('change_password');
    expect(guardDecision(pending, route('/members'))).toBe('change_password');
    expect(guardDecision(pending, route(CHANGE_PASSWORD_PATH))).toBe('allow');
  });
  // The pages each role may open, written out by hand from the role descriptions (not computed from hasAccess or
  // the route table): a wrong route gate or a wrong permission check changes a decision and fails here.
  // '/me' (my own record) is for accounts linked to a member record; these sessions are not (tested above).
  // '/notifications' is every account's own notification centre, '/me/delivery' its own delivery choices (ADR 30).
  const PAGES: Record<Role, readonly string[]> = {
    // 三员分立 (ADR 11): all three read the accounts; the security administrator reads the tree to place roles.
    system_admin: [
      '/',
      '/notifications',
      '/me/delivery',
      '/users',
      '/assessment/bulletins/shared/:key',
      '/assessment/my-ratings',
      '/assessment/my-ratings/:id',
    ],
    security_admin: [
      '/',
      '/notifications',
      '/me/delivery',
      '/orgs',
      '/users',
      '/security',
      '/assessment/bulletins/shared/:key',
      // Any account may be invited to rate (helper RATING).
      '/assessment/my-ratings',
      '/assessment/my-ratings/:id',
    ],
    audit_admin: [
      '/',
      '/notifications',
      '/me/delivery',
      '/users',
      '/audit',
      '/assessment/bulletins/shared/:key',
      '/assessment/my-ratings',
      '/assessment/my-ratings/:id',
    ],
    // Officers keep the responsibility lists and run handovers (ADR 23).
    work_committee_officer: [
      '/',
      '/notifications',
      '/me/delivery',
      '/delivery/channels',
      '/orgs',
      '/members',
      '/members/:id',
      '/statistics',
      '/responsibility',
      '/responsibility/lists/:id',
      '/responsibility/coverage',
      '/responsibility/templates',
      '/handovers',
      '/liaisons',
      '/appraisals',
      '/branch/records',
      '/branch/records/new',
      '/branch/drafts',
      '/branch/records/:id/edit',
      '/branch/records/:id',
      '/branch/ledger',
      '/branch/dues',
      '/branch/development',
      '/branch/rollup',
      '/branch/rollup/study-hours',
      '/branch/rollup/burden',
      '/fusion/needs',
      '/fusion/resources',
      '/fusion/board',
      '/fusion/projects',
      '/fusion/projects/:id',
      '/fusion/brands',
      '/fusion/brands/:id',
      '/fusion/cases',
      '/fusion/showcase',
      '/fusion/pairings',
      '/fusion/pairings/:id',
      '/assessment/systems',
      '/assessment/systems/:id',
      '/assessment/cycles',
      '/assessment/cycles/:id',
      '/assessment/cycles/:id/results/:subjectId',
      '/assessment/cycles/:id/rating',
      '/assessment/grades',
      '/assessment/kpi',
      '/assessment/bulletins',
      '/assessment/bulletins/:id',
      '/assessment/bulletins/shared/:key',
      // Members' 述评 dossiers of the branches they read (helper DOSSIER).
      '/assessment/reviews',
      '/assessment/reviews/:id',
      // Any account may be invited to rate (helper RATING).
      '/assessment/my-ratings',
      '/assessment/my-ratings/:id',
      // 一张图, its big screen and a warning (issue 13): whoever reads warnings; the settings for the work committee.
      '/warnings',
      '/warnings/screen',
      '/warnings/settings',
      '/warnings/:id',
      '/import',
    ],
    organ_committee_officer: [
      '/',
      '/notifications',
      '/me/delivery',
      '/delivery/channels',
      '/orgs',
      '/members',
      '/members/:id',
      '/statistics',
      '/responsibility',
      '/responsibility/lists/:id',
      '/responsibility/coverage',
      '/responsibility/templates',
      '/handovers',
      '/liaisons',
      '/appraisals',
      '/branch/records',
      '/branch/records/new',
      '/branch/drafts',
      '/branch/records/:id/edit',
      '/branch/records/:id',
      '/branch/ledger',
      '/branch/dues',
      '/branch/development',
      '/branch/rollup',
      '/branch/rollup/study-hours',
      '/branch/rollup/burden',
      '/fusion/needs',
      '/fusion/resources',
      '/fusion/board',
      '/fusion/projects',
      '/fusion/projects/:id',
      '/fusion/brands',
      '/fusion/brands/:id',
      '/fusion/cases',
      '/fusion/showcase',
      '/fusion/pairings',
      '/fusion/pairings/:id',
      '/assessment/systems',
      '/assessment/systems/:id',
      '/assessment/cycles',
      '/assessment/cycles/:id',
      '/assessment/cycles/:id/results/:subjectId',
      '/assessment/cycles/:id/rating',
      '/assessment/grades',
      '/assessment/kpi',
      '/assessment/bulletins',
      '/assessment/bulletins/:id',
      '/assessment/bulletins/shared/:key',
      // Members' 述评 dossiers of the branches they read (helper DOSSIER).
      '/assessment/reviews',
      '/assessment/reviews/:id',
      // Any account may be invited to rate (helper RATING).
      '/assessment/my-ratings',
      '/assessment/my-ratings/:id',
      '/warnings',
      '/warnings/screen',
      '/warnings/:id',
      '/import',
    ],
    // Leading group members, branch roles and supervisors read the responsibility pages; none runs handovers.
    leading_group_member: [
      '/',
      '/notifications',
      '/me/delivery',
      '/orgs',
      '/members',
      '/members/:id',
      '/statistics',
      '/responsibility',
      '/responsibility/lists/:id',
      '/responsibility/coverage',
      '/responsibility/templates',
      '/liaisons',
      '/appraisals',
      '/branch/records',
      '/branch/records/:id',
      '/branch/ledger',
      '/branch/dues',
      '/branch/development',
      '/branch/rollup',
      '/branch/rollup/study-hours',
      '/branch/rollup/burden',
      '/fusion/needs',
      '/fusion/resources',
      '/fusion/board',
      '/fusion/projects',
      '/fusion/projects/:id',
      '/fusion/brands',
      '/fusion/brands/:id',
      '/fusion/cases',
      '/fusion/showcase',
      '/fusion/pairings',
      '/fusion/pairings/:id',
      '/assessment/systems',
      '/assessment/systems/:id',
      '/assessment/cycles',
      '/assessment/cycles/:id',
      '/assessment/cycles/:id/results/:subjectId',
      '/assessment/grades',
      '/assessment/kpi',
      '/assessment/bulletins',
      '/assessment/bulletins/:id',
      '/assessment/bulletins/shared/:key',
      // Members' 述评 dossiers of the branches they read (helper DOSSIER).
      '/assessment/reviews',
      '/assessment/reviews/:id',
      // Any account may be invited to rate (helper RATING).
      '/assessment/my-ratings',
      '/assessment/my-ratings/:id',
      '/warnings',
      '/warnings/screen',
      '/warnings/:id',
    ],
    branch_secretary: [
      '/',
      '/notifications',
      '/me/delivery',
      '/orgs',
      '/members',
      '/members/:id',
      '/statistics',
      '/responsibility',
      '/responsibility/lists/:id',
      '/responsibility/coverage',
      '/responsibility/templates',
      '/liaisons',
      '/appraisals',
      '/branch/records',
      '/branch/records/new',
      '/branch/drafts',
      '/branch/records/:id/edit',
      '/branch/records/:id',
      '/branch/ledger',
      '/branch/dues',
      '/branch/development',
      '/branch/rollup',
      '/branch/rollup/study-hours',
      '/branch/rollup/burden',
      '/fusion/needs',
      '/fusion/resources',
      '/fusion/board',
      '/fusion/projects',
      '/fusion/projects/:id',
      '/fusion/brands',
      '/fusion/brands/:id',
      '/fusion/cases',
      '/fusion/showcase',
      '/fusion/pairings',
      '/fusion/pairings/:id',
      '/assessment/systems',
      '/assessment/systems/:id',
      '/assessment/cycles',
      '/assessment/cycles/:id',
      '/assessment/cycles/:id/results/:subjectId',
      '/assessment/grades',
      '/assessment/kpi',
      '/assessment/bulletins',
      '/assessment/bulletins/:id',
      '/assessment/bulletins/shared/:key',
      // Members' 述评 dossiers of the branches they read (helper DOSSIER).
      '/assessment/reviews',
      '/assessment/reviews/:id',
      // Any account may be invited to rate (helper RATING).
      '/assessment/my-ratings',
      '/assessment/my-ratings/:id',
      '/warnings',
      '/warnings/screen',
      '/warnings/:id',
      '/import',
    ],
    branch_committee_member: [
      '/',
      '/notifications',
      '/me/delivery',
      '/orgs',
      '/members',
      '/members/:id',
      '/statistics',
      '/responsibility',
      '/responsibility/lists/:id',
      '/responsibility/coverage',
      '/responsibility/templates',
      '/liaisons',
      '/appraisals',
      '/branch/records',
      '/branch/records/new',
      '/branch/drafts',
      '/branch/records/:id/edit',
      '/branch/records/:id',
      '/branch/ledger',
      '/branch/dues',
      '/branch/development',
      '/branch/rollup',
      '/branch/rollup/study-hours',
      '/branch/rollup/burden',
      '/fusion/needs',
      '/fusion/resources',
      '/fusion/board',
      '/fusion/projects',
      '/fusion/projects/:id',
      '/fusion/brands',
      '/fusion/brands/:id',
      '/fusion/cases',
      '/fusion/showcase',
      '/fusion/pairings',
      '/fusion/pairings/:id',
      '/assessment/systems',
      '/assessment/systems/:id',
      '/assessment/cycles',
      '/assessment/cycles/:id',
      '/assessment/cycles/:id/results/:subjectId',
      '/assessment/grades',
      '/assessment/kpi',
      '/assessment/bulletins',
      '/assessment/bulletins/:id',
      '/assessment/bulletins/shared/:key',
      // Members' 述评 dossiers of the branches they read (helper DOSSIER).
      '/assessment/reviews',
      '/assessment/reviews/:id',
      // Any account may be invited to rate (helper RATING).
      '/assessment/my-ratings',
      '/assessment/my-ratings/:id',
      '/warnings',
      '/warnings/screen',
      '/warnings/:id',
    ],
    member: [
      '/',
      '/notifications',
      '/me/delivery',
      '/assessment/bulletins/shared/:key',
      '/assessment/my-ratings',
      '/assessment/my-ratings/:id',
    ],
    supervisor: [
      '/',
      '/notifications',
      '/me/delivery',
      '/orgs',
      '/members',
      '/members/:id',
      '/statistics',
      '/responsibility',
      '/responsibility/lists/:id',
      '/responsibility/coverage',
      '/responsibility/templates',
      '/liaisons',
      '/appraisals',
      '/branch/records',
      '/branch/records/:id',
      '/branch/ledger',
      '/branch/dues',
      '/branch/development',
      '/branch/rollup',
      '/branch/rollup/study-hours',
      '/branch/rollup/burden',
      '/fusion/needs',
      '/fusion/resources',
      '/fusion/board',
      '/fusion/projects',
      '/fusion/projects/:id',
      '/fusion/brands',
      '/fusion/brands/:id',
      '/fusion/cases',
      '/fusion/showcase',
      '/fusion/pairings',
      '/fusion/pairings/:id',
      '/assessment/systems',
      '/assessment/systems/:id',
      '/assessment/cycles',
      '/assessment/cycles/:id',
      '/assessment/cycles/:id/results/:subjectId',
      '/assessment/grades',
      '/assessment/kpi',
      '/assessment/bulletins',
      '/assessment/bulletins/:id',
      '/assessment/bulletins/shared/:key',
      // Members' 述评 dossiers of the branches they read (helper DOSSIER).
      '/assessment/reviews',
      '/assessment/reviews/:id',
      // Any account may be invited to rate (helper RATING).
      '/assessment/my-ratings',
      '/assessment/my-ratings/:id',
      '/warnings',
      '/warnings/screen',
      '/warnings/:id',
    ],
  };
  it('allows each role exactly the pages of the literal table, and every role its password page', () => {
    expect(Object.keys(PAGES).sort()).toEqual(Object.keys(ROLE_PERMISSIONS).sort());
    for (const [role, pages] of Object.entries(PAGES) as [Role, readonly string[]][]) {
      const session = sessionOf([role]);
      const allowed = ROUTES.filter((r) => guardDecision(session, r) === 'allow').map((r) => r.path);
      expect(allowed, role).toEqual(
        ROUTES.map((r) => r.path).filter((p) => pages.includes(p) || p === CHANGE_PASSWORD_PATH),
      );
      for (const r of ROUTES.filter((x) => !allowed.includes(x.path))) {
        expect(guardDecision(session, r), `${role} ${r.path}`).toBe('forbidden');
      }
    }
  });
  // Detail pages and the record form with its drafts, reached from their list pages and the workbench.
  const NOT_IN_MENU = new Set([
    '/members/:id',
    '/responsibility/lists/:id',
    '/branch/records/new',
    '/branch/drafts',
    '/branch/records/:id/edit',
    '/branch/records/:id',
    '/branch/ledger',
    '/branch/rollup/study-hours',
    '/branch/rollup/burden',
    '/fusion/projects/:id',
    '/fusion/brands/:id',
    '/fusion/pairings/:id',
    '/assessment/systems/:id',
    '/assessment/cycles/:id',
    '/assessment/cycles/:id/results/:subjectId',
    '/assessment/bulletins/:id',
    '/assessment/bulletins/shared/:key',
    '/assessment/cycles/:id/rating',
    '/assessment/my-ratings',
    '/assessment/my-ratings/:id',
    '/assessment/reviews/:id',
    '/me/reviews/:id',
    '/warnings/screen',
    '/warnings/:id',
  ]);
  it('shows in the menu exactly the allowed pages that are menu entries', () => {
    for (const [role, pages] of Object.entries(PAGES) as [Role, readonly string[]][]) {
      expect(menuPaths(sessionOf([role])), role).toEqual(pages.filter((p) => !NOT_IN_MENU.has(p)));
    }
  });
});

describe('afterLoginTarget', () => {
  it('returns same-site paths unchanged', () => {
    expect(afterLoginTarget('/members?q=张')).toBe('/members?q=张');
  });
  it('falls back to home for missing, foreign or looping targets', () => {
    for (const bad of [
      null,
      undefined,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil',
      '/login',
      '/login?x=1',
    ]) {
      expect(afterLoginTarget(bad)).toBe('/');
    }
    expect(afterLoginTarget(CHANGE_PASSWORD_PATH)).toBe('/');
  });
});

describe('selectedMenuPath', () => {
  const paths = ['/', '/orgs', '/members', '/members-archive'];
  it('highlights the section of a detail page', () => {
    expect(selectedMenuPath('/members/123', paths)).toBe('/members');
  });
  it('does not confuse a path prefix with a section', () => {
    expect(selectedMenuPath('/members-archive', paths)).toBe('/members-archive');
  });
  it('selects home only on home', () => {
    expect(selectedMenuPath('/', paths)).toBe('/');
    expect(selectedMenuPath('/unknown', paths)).toBeNull();
  });
});

it('every permission gate in the route table names a real permission', () => {
  const known = new Set<string>(PERMISSIONS);
  for (const r of ROUTES) {
    const list: readonly string[] =
      r.access === 'public' || r.access === 'signed_in'
        ? []
        : typeof r.access === 'string'
          ? [r.access]
          : r.access;
    for (const p of list) expect(known.has(p as Permission)).toBe(true);
  }
});
