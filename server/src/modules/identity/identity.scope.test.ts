import { describe, expect, it } from 'vitest';
import type { Actor, ActorAssignment } from '../../core/context.ts';
import { hasPermission, isInScope, scopePaths } from './identity.scope.ts';

const actor = (assignments: ActorAssignment[]): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  mustChangePassword: false,
  memberId: null,
  assignments,
});

describe('scope', () => {
  it('fails closed: a business role whose assignment has no path reaches nothing', () => {
    const broken = actor([{ role: 'organ_committee_officer', partyOrgId: null, path: null }]);
    expect(scopePaths(broken, 'member.read')).toEqual([]);
    expect(isInScope(broken, 'member.read', '/a/b/')).toBe(false);
    expect(hasPermission(broken, 'member.read')).toBe(false);
  });

  it('keeps the other assignments of an actor when one of them has no path', () => {
    const mixed = actor([
      { role: 'branch_secretary', partyOrgId: null, path: null },
      { role: 'branch_secretary', partyOrgId: 'b', path: '/a/b/' },
    ]);
    expect(scopePaths(mixed, 'member.read')).toEqual(['/a/b/']);
    expect(isInScope(mixed, 'member.read', '/a/b/c/')).toBe(true);
    expect(isInScope(mixed, 'member.read', '/a/x/')).toBe(false);
  });

  it('the whole tree is an explicit root path, not a missing one', () => {
    const console = actor([{ role: 'work_committee_officer', partyOrgId: null, path: '/' }]);
    expect(isInScope(console, 'member.read', '/a/b/')).toBe(true);
    expect(scopePaths(console, 'member.read')).toEqual(['/']);
  });

  it('an administrator role is unscoped, but only for its own permissions', () => {
    const admin = actor([{ role: 'system_admin', partyOrgId: null, path: null }]);
    expect(scopePaths(admin, 'user.manage')).toBe('all');
    expect(scopePaths(admin, 'member.read')).toEqual([]);
  });
});
