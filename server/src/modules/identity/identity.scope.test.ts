import { describe, expect, it } from 'vitest';
import type { Role } from '#contracts/identity';
import type { Actor, ActorAssignment } from '../../core/context.ts';
import { hasPermission, isInScope, permissionsOf, scopePaths, scopeSql } from './identity.scope.ts';

// Two organs under one work committee: /wc/ holds /o1/ (branches b1, b2) and /o2/ (branch b3).
const WC = '/wc/';
const O1 = '/wc/o1/';
const B1 = '/wc/o1/b1/';
const B2 = '/wc/o1/b2/';
const O2 = '/wc/o2/';
const B3 = '/wc/o2/b3/';

function actor(...assignments: [Role, string | null][]): Actor {
  return {
    userId: 'u1',
    username: 'u',
    displayName: 'U',
    mustChangePassword: false,
    memberId: null,
    assignments: assignments.map(([role, path]) => ({ role, partyOrgId: path ? `id${path}` : null, path })),
  };
}

describe('scopePaths', () => {
  it('is empty without an actor or without an assignment granting the permission', () => {
    expect(scopePaths(null, 'member.read')).toEqual([]);
    expect(scopePaths(actor(), 'member.read')).toEqual([]);
    expect(scopePaths(actor(['member', B1]), 'member.read')).toEqual([]);
    expect(scopePaths(actor(['branch_secretary', B1]), 'member.sensitive')).toEqual([]);
  });

  it("is the node of a business role holding the permission, and only that role's node", () => {
    expect(scopePaths(actor(['branch_secretary', B1]), 'member.write')).toEqual([B1]);
    expect(scopePaths(actor(['member', B2], ['branch_secretary', B1]), 'member.write')).toEqual([B1]);
    expect(scopePaths(actor(['branch_secretary', B1], ['branch_secretary', B3]), 'member.read')).toEqual([
      B1,
      B3,
    ]);
  });

  // A business role held without a node is left out on purpose: whether it means 'all' or nothing is issue 5.5
  // (scope fails open), decided with the product fix.
  it("is 'all' for an administrator role", () => {
    expect(scopePaths(actor(['system_admin', null]), 'user.manage')).toBe('all');
    // Administrators are 'all' for their own permissions even when an assignment carries a node.
    expect(scopePaths(actor(['audit_admin', O1]), 'audit.read')).toBe('all');
    // An administrator role does not widen the business permissions it lacks.
    expect(scopePaths(actor(['system_admin', null], ['branch_secretary', B1]), 'member.read')).toEqual([B1]);
  });

  it('drops nodes inside other nodes and duplicates, whatever the order', () => {
    expect(
      scopePaths(actor(['branch_secretary', B1], ['organ_committee_officer', O1]), 'member.read'),
    ).toEqual([O1]);
    expect(
      scopePaths(actor(['organ_committee_officer', O1], ['branch_secretary', B1]), 'member.read'),
    ).toEqual([O1]);
    expect(
      scopePaths(actor(['branch_secretary', B1], ['branch_committee_member', B1]), 'member.read'),
    ).toEqual([B1]);
    expect(
      scopePaths(
        actor(['branch_secretary', B3], ['branch_secretary', B1], ['branch_secretary', B2]),
        'member.read',
      ),
    ).toEqual([B3, B1, B2]);
    expect(
      scopePaths(
        actor(['branch_secretary', B1], ['branch_secretary', B1], ['work_committee_officer', WC]),
        'member.read',
      ),
    ).toEqual([WC]);
  });
});

it('keeps the first of two equal nodes in its place', () => {
  expect(
    scopePaths(
      actor(['branch_secretary', B1], ['branch_secretary', B3], ['branch_committee_member', B1]),
      'member.read',
    ),
  ).toEqual([B1, B3]);
});

describe('isInScope', () => {
  const secretary = actor(['branch_secretary', B1]);
  it('lets a branch secretary reach their own branch and what lies below it', () => {
    expect(isInScope(secretary, 'member.write', B1)).toBe(true);
    expect(isInScope(secretary, 'member.write', `${B1}cell/`)).toBe(true);
  });
  it('keeps a branch secretary out of sibling branches, the organ above and other organs', () => {
    expect(isInScope(secretary, 'member.write', B2)).toBe(false);
    expect(isInScope(secretary, 'member.write', O1)).toBe(false);
    expect(isInScope(secretary, 'member.write', B3)).toBe(false);
    expect(isInScope(secretary, 'member.sensitive', B1)).toBe(false);
  });
  it('gives an organ officer the whole organ and nothing of the other organ', () => {
    const officer = actor(['organ_committee_officer', O1]);
    for (const p of [O1, B1, B2]) expect(isInScope(officer, 'member.sensitive', p)).toBe(true);
    for (const p of [WC, O2, B3]) expect(isInScope(officer, 'member.sensitive', p)).toBe(false);
  });
  it('is true everywhere for an administrator holding the permission and false for no actor', () => {
    expect(isInScope(actor(['audit_admin', null]), 'audit.read', B3)).toBe(true);
    expect(isInScope(null, 'org.read', B3)).toBe(false);
  });
});

describe('hasPermission', () => {
  it('is true when any assignment grants the permission, scoped or not', () => {
    expect(hasPermission(actor(['branch_secretary', B1]), 'member.import')).toBe(true);
    expect(hasPermission(actor(['security_admin', null]), 'security.manage')).toBe(true);
  });
  it('is false without one', () => {
    expect(hasPermission(actor(['branch_secretary', B1]), 'org.write')).toBe(false);
    expect(hasPermission(actor(['security_admin', null]), 'audit.read')).toBe(false);
    expect(hasPermission(null, 'org.read')).toBe(false);
    expect(hasPermission(actor(), 'org.read')).toBe(false);
  });
});

describe('permissionsOf', () => {
  it('is the sorted union of the roles held', () => {
    expect(permissionsOf(actor(['member', B1], ['supervisor', B2]))).toEqual([
      'assessment.read',
      'branch.read',
      'fusion.read',
      'member.read',
      'org.read',
      'responsibility.read',
      'warning.read',
    ]);
    expect(permissionsOf(actor(['audit_admin', null], ['member', B1]))).toEqual(['audit.read', 'user.read']);
    expect(permissionsOf(actor())).toEqual([]);
  });
});

describe('scopeSql', () => {
  // Compiled without a database: the SQL text and its parameters.
  it('is true for all, false for none, and one LIKE per node otherwise', async () => {
    const { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } =
      await import('kysely');
    const db = new Kysely<{ t: { path: string } }>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    const where = (a: Actor | null) =>
      db
        .selectFrom('t')
        .select('path')
        .where(scopeSql(a, 'member.read', 'po.path'))
        .compile();
    expect(
      db
        .selectFrom('t')
        .select('path')
        .where(scopeSql(actor(['audit_admin', null]), 'audit.read', 'po.path'))
        .compile().sql,
    ).toMatch(/where true$/);
    expect(where(actor(['member', B1])).sql).toMatch(/where false$/);
    expect(where(null).sql).toMatch(/where false$/);
    const two = where(actor(['branch_secretary', B1], ['branch_secretary', B3]));
    expect(two.sql).toMatch(/where \("po"\."path" like \$1 or "po"\."path" like \$2\)$/);
    expect(two.parameters).toEqual([`${B1}%`, `${B3}%`]);
  });
});

const headActor = (assignments: ActorAssignment[]): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  mustChangePassword: false,
  memberId: null,
  assignments,
});

describe('scope fails closed', () => {
  it('fails closed: a business role whose assignment has no path reaches nothing', () => {
    const broken = headActor([{ role: 'organ_committee_officer', partyOrgId: null, path: null }]);
    expect(scopePaths(broken, 'member.read')).toEqual([]);
    expect(isInScope(broken, 'member.read', '/a/b/')).toBe(false);
    expect(hasPermission(broken, 'member.read')).toBe(false);
  });

  it('keeps the other assignments of an actor when one of them has no path', () => {
    const mixed = headActor([
      { role: 'branch_secretary', partyOrgId: null, path: null },
      { role: 'branch_secretary', partyOrgId: 'b', path: '/a/b/' },
    ]);
    expect(scopePaths(mixed, 'member.read')).toEqual(['/a/b/']);
    expect(isInScope(mixed, 'member.read', '/a/b/c/')).toBe(true);
    expect(isInScope(mixed, 'member.read', '/a/x/')).toBe(false);
  });

  it('the whole tree is an explicit root path, not a missing one', () => {
    const console = headActor([{ role: 'work_committee_officer', partyOrgId: null, path: '/' }]);
    expect(isInScope(console, 'member.read', '/a/b/')).toBe(true);
    expect(scopePaths(console, 'member.read')).toEqual(['/']);
  });

  it('an administrator role is unscoped, but only for its own permissions', () => {
    const admin = headActor([{ role: 'system_admin', partyOrgId: null, path: null }]);
    expect(scopePaths(admin, 'user.manage')).toBe('all');
    expect(scopePaths(admin, 'member.read')).toEqual([]);
  });
});
